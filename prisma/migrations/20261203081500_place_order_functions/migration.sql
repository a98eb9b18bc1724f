-- Written by hand (ADR 0011): the writes of placing an order in one round trip.
-- Under load every statement of the placing transaction is a round trip through the driver, and the round
-- trips, not the work, bounded throughput. These functions run the same writes in the same order as before
-- in the caller's transaction, and the caller still rolls the transaction back on any refusal.

-- Reserves packs for order lines: per pack in ascending variant id order (two orders never deadlock),
-- one conditional UPDATE that raises reserved only while enough is available, and its ledger row.
-- p_lines: [{"variantId", "quantity", "orderLineId"}]. Returns {"short": [{"variantId", "requested",
-- "available"}], "soldOut": [variant ids now at zero]}. Lines after a short one are still tried, so the
-- answer lists every short line. The caller rolls back when "short" is not empty.
CREATE FUNCTION "reserve_stock"(p_lines jsonb, p_actor uuid) RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
  v_available integer;
  v_short jsonb := '[]'::jsonb;
  v_sold_out jsonb := '[]'::jsonb;
BEGIN
  FOR r IN
    SELECT (e->>'variantId')::uuid AS variant_id, (e->>'quantity')::integer AS quantity, (e->>'orderLineId')::uuid AS order_line_id
    FROM jsonb_array_elements(p_lines) AS e
    ORDER BY 1
  LOOP
    UPDATE "stock_balances" SET "reserved" = "reserved" + r.quantity, "updated_at" = now()
      WHERE "variant_id" = r.variant_id AND "on_hand" - "reserved" >= r.quantity
      RETURNING "on_hand" - "reserved" INTO v_available;
    IF FOUND THEN
      INSERT INTO "stock_ledger" ("variant_id", "order_line_id", "kind", "on_hand_delta", "reserved_delta", "actor_id", "note")
        VALUES (r.variant_id, r.order_line_id, 'reservation', 0, r.quantity, p_actor, '');
      IF v_available = 0 THEN
        v_sold_out := v_sold_out || to_jsonb(r.variant_id::text);
      END IF;
    ELSE
      v_short := v_short || jsonb_build_object(
        'variantId', r.variant_id::text,
        'requested', r.quantity,
        'available', COALESCE((SELECT GREATEST(0, b."on_hand" - b."reserved") FROM "stock_balances" b WHERE b."variant_id" = r.variant_id), 0));
    END IF;
  END LOOP;
  RETURN jsonb_build_object('short', v_short, 'soldOut', v_sold_out);
END
$fn$;

-- The writes of one order: the order (its number from order_number_seq), its seller orders, lines, the
-- 'place' timeline row, the audit entry, the stock reservations (reserve_stock) and last the slot's booked
-- grams, booked only while the slot is open at p->>'now' and every class fits (the rule of
-- orders/cutoff checkSlotForOrder, which explains a refusal from the slot row returned here).
-- Returns {"ok": true, "number", "soldOut"} or {"ok": false, "short"} or {"ok": false, "slot": row or null}.
CREATE FUNCTION "place_order_rows"(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $fn$
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
    RETURN jsonb_build_object('ok', false, 'short', v_reserved->'short');
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
    RETURN jsonb_build_object('ok', false, 'slot', v_slot);
  END IF;
  RETURN jsonb_build_object('ok', true, 'number', v_number, 'soldOut', v_reserved->'soldOut');
END
$fn$;

-- What placing an order reads about its packs, as a JSON array of one object per known pack: the pack, its
-- product and seller (terms and state), availability now (unlocked), public price tiers and the buyer's
-- contract prices. A function so its plan is prepared once per connection, not on every order.
CREATE FUNCTION "ordering_snapshot"(p_buyer uuid, p_ids uuid[]) RETURNS jsonb LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  v_rows jsonb;
BEGIN
  SELECT COALESCE(jsonb_agg(jsonb_build_object(
      'variant_id', v."id"::text, 'sku', v."sku", 'net_weight_grams', v."net_weight_grams", 'variable_weight', v."variable_weight",
      'min_order_quantity', v."min_order_quantity", 'order_multiple', v."order_multiple", 'active', v."active",
      'product_id', p."id"::text, 'name_zh', p."name_zh", 'name_en', p."name_en", 'temp_class', p."temp_class"::text, 'product_status', p."status"::text,
      'seller_id', p."seller_id"::text, 'verification_status', o."verification_status"::text, 'suspended_at', o."suspended_at",
      'min_order_value_fen', o."min_order_value_fen", 'seller_name', o."name", 'seller_name_en', o."name_en",
      'available', COALESCE(GREATEST(0, b."on_hand" - b."reserved"), 0),
      'tiers', COALESCE((SELECT jsonb_agg(jsonb_build_object('minQuantity', t."min_quantity", 'unitPriceFen', t."unit_price_fen") ORDER BY t."min_quantity")
                         FROM "price_tiers" t WHERE t."variant_id" = v."id"), '[]'::jsonb),
      'contracts', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', c."id", 'unitPriceFen', c."unit_price_fen", 'validFrom', to_char(c."valid_from", 'YYYY-MM-DD'), 'validTo', to_char(c."valid_to", 'YYYY-MM-DD')))
                             FROM "contract_prices" c WHERE c."variant_id" = v."id" AND c."buyer_id" = p_buyer AND c."seller_id" = p."seller_id"), '[]'::jsonb)
    )), '[]'::jsonb)
  INTO v_rows
  FROM "variants" v
  JOIN "products" p ON p."id" = v."product_id"
  JOIN "organizations" o ON o."id" = p."seller_id"
  LEFT JOIN "stock_balances" b ON b."variant_id" = v."id"
  WHERE v."id" = ANY(p_ids);
  RETURN v_rows;
END
$fn$;

-- The first read of placing an order, in one round trip: the order already placed with this idempotency key
-- (if any), the delivery point with its owner, the slot, and the packs (ordering_snapshot). Unknown ids are null.
CREATE FUNCTION "place_order_read"(p_buyer uuid, p_key text, p_point uuid, p_slot uuid, p_ids uuid[]) RETURNS jsonb LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN jsonb_build_object(
    'known', (SELECT jsonb_build_object('id', o."id"::text, 'number', o."number", 'requestHash', o."request_hash")
              FROM "orders" o WHERE o."buyer_id" = p_buyer AND o."idempotency_key" = p_key),
    'point', (SELECT jsonb_build_object('organizationId', dp."organization_id"::text, 'archivedAt', dp."archived_at", 'district', dp."district",
                'name', dp."name", 'address', dp."address", 'lat', dp."lat", 'lng', dp."lng")
              FROM "delivery_points" dp WHERE dp."id" = p_point),
    'slot', (SELECT jsonb_build_object('id', s."id"::text, 'district', s."district", 'cutoffAt', s."cutoff_at")
             FROM "delivery_slots" s WHERE s."id" = p_slot),
    'packs', "ordering_snapshot"(p_buyer, p_ids));
END
$fn$;
