/** The new / edit trunk departure form: warehouse, class, date and Beijing times, capacity and plate. Works without JavaScript. */
import { Form, useNavigation } from "@remix-run/react";
import { fieldError, SelectField } from "~/components/delivery-setup/fields";
import { Field, FormAlert } from "~/components/ui/field";
import { TRUNK_TEMP_CLASSES } from "~/modules/trunk/assignment";
import { departureSchema } from "~/modules/trunk/forms";
import type { FieldErrors } from "~/utils/forms";
import type { T } from "~/utils/i18n/translate";
import { useClientValidation } from "~/utils/use-client-validation";

export interface DepartureFormProps {
  action: string;
  intent: "create" | "update";
  departureId?: string;
  warehouses: readonly { id: string; name: string }[];
  /** Values to show: the stored run, or what was typed before an error. */
  values: Record<string, string>;
  serverErrors?: FieldErrors;
  t: T;
}

export function DepartureForm({
  action,
  intent,
  departureId,
  warehouses,
  values,
  serverErrors,
  t,
}: DepartureFormProps) {
  const navigation = useNavigation();
  const { errors, onSubmit } = useClientValidation(
    departureSchema,
    serverErrors
  );
  const err = (field: string) => fieldError(errors, field, t);
  const prefix = departureId ? `run-${departureId}` : "new-run";
  const id = (field: string) => `${prefix}-${field}`;
  const busy =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === intent &&
    (navigation.formData?.get("departureId") ?? "") === (departureId ?? "");
  return (
    <Form
      method="post"
      action={action}
      noValidate
      onSubmit={onSubmit}
      className="space-y-4"
    >
      <input type="hidden" name="intent" value={intent} />
      {departureId ? (
        <input type="hidden" name="departureId" value={departureId} />
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <FormAlert>{t(errors._form ?? "validation.fixErrors")}</FormAlert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          id={id("warehouseId")}
          name="warehouseId"
          label={t("trunk.field.warehouse")}
          defaultValue={
            values.warehouseId ??
            (warehouses.length === 1 ? warehouses[0]!.id : "")
          }
          error={err("warehouseId")}
        >
          <option value="">{t("trunk.field.chooseWarehouse")}</option>
          {warehouses.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={id("tempClass")}
          name="tempClass"
          label={t("trunk.field.tempClass")}
          defaultValue={values.tempClass ?? ""}
          error={err("tempClass")}
        >
          <option value="">{t("trunk.field.chooseTemp")}</option>
          {TRUNK_TEMP_CLASSES.map((c) => (
            <option key={c} value={c}>
              {t(`temp.${c}`)}
            </option>
          ))}
        </SelectField>
        <Field
          id={id("date")}
          name="date"
          type="date"
          label={t("trunk.field.date")}
          defaultValue={values.date}
          error={err("date")}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id={id("cutoffTime")}
          name="cutoffTime"
          inputMode="numeric"
          placeholder="12:00"
          label={t("trunk.field.cutoffTime")}
          hint={t("trunk.field.timeHint")}
          defaultValue={values.cutoffTime ?? "12:00"}
          error={err("cutoffTime")}
        />
        <Field
          id={id("departTime")}
          name="departTime"
          inputMode="numeric"
          placeholder="14:00"
          label={t("trunk.field.departTime")}
          defaultValue={values.departTime ?? "14:00"}
          error={err("departTime")}
        />
        <Field
          id={id("arriveTime")}
          name="arriveTime"
          inputMode="numeric"
          placeholder="23:30"
          label={t("trunk.field.arriveTime")}
          hint={t("trunk.field.arriveHint")}
          defaultValue={values.arriveTime ?? "23:30"}
          error={err("arriveTime")}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id={id("capacityKg")}
          name="capacityKg"
          inputMode="decimal"
          label={t("trunk.field.capacityKg")}
          defaultValue={values.capacityKg ?? "12000"}
          error={err("capacityKg")}
        />
        <Field
          id={id("vehiclePlate")}
          name="vehiclePlate"
          label={t("trunk.field.vehiclePlate")}
          placeholder="闽G·12345"
          defaultValue={values.vehiclePlate}
          error={err("vehiclePlate")}
        />
      </div>
      <button type="submit" className="btn-primary" disabled={busy}>
        {intent === "create" ? t("trunk.create") : t("trunk.save")}
      </button>
    </Form>
  );
}
