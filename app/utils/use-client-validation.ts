import { useState, type FormEvent } from "react";
import { formValues, parseForm, type FieldErrors } from "./forms";

/**
 * Runs the server's zod schema in the browser before submitting, so mistakes show without a round trip
 * on a weak connection. Without JavaScript the form simply posts and the server answers the same way.
 */
export function useClientValidation(schema: Parameters<typeof parseForm>[0], serverErrors: FieldErrors | undefined) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | undefined>();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const result = parseForm(schema, formValues(new FormData(event.currentTarget)));
    if (result.errors) {
      event.preventDefault();
      setClientErrors(result.errors);
    } else {
      setClientErrors(undefined);
    }
  };
  return { errors: clientErrors ?? serverErrors ?? {}, clientFailed: clientErrors !== undefined, onSubmit };
}
