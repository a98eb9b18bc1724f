-- Written by hand (ADR 0012): placing an order in two statements, each its own transaction.
-- With p->>'atomic' true, place_order_rows is the only statement of its transaction (the caller sends no BEGIN):
-- every answer that must not be written raises SQLSTATE HM001 with the answer as JSON in the error's DETAIL, so
-- that the statement, and with it every row already inserted, is rolled back. A pack sold out by the order also
-- raises (with "soldOut"), because the search index job that follows a sold-out pack must commit with the
-- order: the caller then places the order again in an explicit transaction. Without "atomic" the function
-- answers as before and the caller's transaction rolls back.

-- The answer of place_order_rows for an order it did not write: raised when the call is its own transaction.
CREATE FUNCTION "place_order_refused"(p_atomic boolean, p_answer jsonb) RETURNS jsonb LANGUAGE plpgsql AS $fn$
BEGIN
  IF p_atomic THEN
    RAISE EXCEPTION 'order not written' USING ERRCODE = 'HM001', DETAIL = p_answer::text;
  END IF;
  RETURN p_answer;
END
$fn$;

CREATE OR REPLACE FUNCTION "place_order_rows"(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  v_order jsonb := p->'order';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_order_id uuid := (v_order->>'id')::uuid;
  v_actor uuid := (p->>'actorId')::uuid;
  v_number text;
  v_seq bigint;
  v_reserved jsonb;
  v_ga integer := COALESCE((p->'grams'->>'ambient')::integer, 0);
  v_gc integer := COALESCE((p->'grams'->>'chilled')::integer, 0);
  v_gf integer := COALESCE((p->'grams'->>'frozen')::integer, 0);
  v_slot_id uuid := (p->>'slotId')::uuid;
  v_slot jsonb;
  v_atomic boolean := COALESCE((p->>'atomic')::boolean, false);
BEGIN
  v_seq := nextval('order_number_seq');
  v_number := 'HM-' || (p->>'numberDay') || '-' || CASE WHEN v_seq < 1000000 THEN lpad(v_seq::text, 6, '0') ELSE v_seq::text END;
  INSERT INTO "orders" ("id", "number", "buyer_id", "placed_by_id", "status", "slot_id", "delivery_point_id", "delivery_address", "lat", "lng",
      "subtotal_fen", "delivery_fee_fen", "total_fen", "note", "channel", "idempotency_key", "request_hash", "placed_at", "updated_at")
    SELECT o."id", v_number, o."buyer_id", o."placed_by_id", 'placed', o."slot_id", o."delivery_point_id", o."delivery_address", o."lat", o."lng",
      o."subtotal_fen", o."delivery_fee_fen", o."total_fen", o."note", o."channel", o."idempotency_key", o."request_hash", v_now, v_now
    FROM jsonb_populate_record(NULL::"orders", v_order) AS o;
  INSERT INTO "seller_orders" SELECT * FROM jsonb_populate_recordset(NULL::"seller_orders", p->'sellerOrders');
  INSERT INTO "order_lines" SELECT * FROM jsonb_populate_recordset(NULL::"order_lines", p->'lines');
  INSERT INTO "order_events" ("order_id", "event", "to_status", "actor_id", "actor_role", "details", "created_at")
    VALUES (v_order_id, 'place', 'placed', v_actor, 'buyer', p->'eventDetails', v_now);
  INSERT INTO "audit_entries" ("actor_id", "organization_id", "action", "subject_type", "subject_id", "details", "created_at")
    VALUES (v_actor, (v_order->>'buyer_id')::uuid, 'order.place', 'order', v_order_id::text, (p->'auditDetails') || jsonb_build_object('number', v_number), v_now);

  v_reserved := "reserve_stock"(p->'reserve', v_actor);
  IF jsonb_array_length(v_reserved->'short') > 0 THEN
    RETURN "place_order_refused"(v_atomic, jsonb_build_object('ok', false, 'short', v_reserved->'short'));
  END IF;

  UPDATE "delivery_slots" SET
      "booked_ambient_grams" = "booked_ambient_grams" + v_ga,
      "booked_chilled_grams" = "booked_chilled_grams" + v_gc,
      "booked_frozen_grams" = "booked_frozen_grams" + v_gf
    WHERE "id" = v_slot_id AND "cutoff_at" > v_now
      AND (v_ga = 0 OR "booked_ambient_grams" + v_ga <= "capacity_ambient_grams")
      AND (v_gc = 0 OR "booked_chilled_grams" + v_gc <= "capacity_chilled_grams")
      AND (v_gf = 0 OR "booked_frozen_grams" + v_gf <= "capacity_frozen_grams");
  IF NOT FOUND THEN
    SELECT jsonb_build_object('cutoffAt', s."cutoff_at",
        'capacity', jsonb_build_object('ambient', s."capacity_ambient_grams", 'chilled', s."capacity_chilled_grams", 'frozen', s."capacity_frozen_grams"),
        'booked', jsonb_build_object('ambient', s."booked_ambient_grams", 'chilled', s."booked_chilled_grams", 'frozen', s."booked_frozen_grams"))
      INTO v_slot FROM "delivery_slots" s WHERE s."id" = v_slot_id;
    RETURN "place_order_refused"(v_atomic, jsonb_build_object('ok', false, 'slot', v_slot));
  END IF;
  IF v_atomic AND jsonb_array_length(v_reserved->'soldOut') > 0 THEN
    RETURN "place_order_refused"(true, jsonb_build_object('ok', false, 'soldOut', v_reserved->'soldOut'));
  END IF;
  RETURN jsonb_build_object('ok', true, 'number', v_number, 'soldOut', v_reserved->'soldOut');
END
$fn$;

-- The plans of these functions' statements do not depend on the values they run with (primary keys, JSON
-- taken apart row by row): one generic plan per connection, never planned again per call.
ALTER FUNCTION "place_order_rows"(jsonb) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION "reserve_stock"(jsonb, uuid) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION "place_order_read"(uuid, text, uuid, uuid, uuid[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION "ordering_snapshot"(uuid, uuid[]) SET plan_cache_mode = force_generic_plan;

-- A line's pack must belong to the seller of its seller order. Two lookups by primary key instead of one join:
-- under a generic plan (the GUC above holds in the triggers these functions fire) the join was planned from the
-- seller order through all of its seller's products.
CREATE OR REPLACE FUNCTION "order_line_seller_check"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  v_pack_seller uuid;
  v_order_seller uuid;
BEGIN
  SELECT p."seller_id" INTO v_pack_seller FROM "variants" v JOIN "products" p ON p."id" = v."product_id" WHERE v."id" = NEW."variant_id";
  SELECT so."seller_id" INTO v_order_seller FROM "seller_orders" so WHERE so."id" = NEW."seller_order_id";
  IF v_pack_seller IS NULL OR v_pack_seller IS DISTINCT FROM v_order_seller THEN
    RAISE EXCEPTION 'order line pack % does not belong to the seller of seller order %', NEW."variant_id", NEW."seller_order_id" USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$fn$;
