import { Form, useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import type { T } from "~/utils/i18n/translate";

/** One suggestion as GET /search/suggest returns it. */
export interface Suggestion {
  id: string;
  label: string;
  secondary: string;
  href: string;
}

const DEBOUNCE_MS = 150;
const MIN_LENGTH = 1;

interface Props {
  t: T;
  defaultValue: string;
  /** Hidden inputs the form sends along (the filters and sort to keep). */
  children?: ReactNode;
}

/** Fetches suggestions for the text, 150 ms after the last keystroke; a newer keystroke aborts the older request. */
function useSuggestions(text: string, enabled: boolean): Suggestion[] {
  const [items, setItems] = useState<Suggestion[]>([]);
  useEffect(() => {
    const q = text.trim();
    if (!enabled || q.length < MIN_LENGTH) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/search/suggest?${new URLSearchParams({ q })}`, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? (r.json() as Promise<{ suggestions?: Suggestion[] }>) : { suggestions: [] }))
        .then((body) => setItems(Array.isArray(body.suggestions) ? body.suggestions : []))
        // An aborted or failed request leaves the plain form working: no suggestions, no error.
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, enabled]);
  return items;
}

/**
 * On a weak network a buyer types into the server-rendered box before the JavaScript arrives. Hydration leaves the
 * typed text in the DOM, but the next render of the controlled input would write the server's value back over it:
 * take the DOM's text into state once, right after hydration (passive effects run before any later render).
 */
function useAdoptTextTypedBeforeHydration(input: RefObject<HTMLInputElement>, text: string, adopt: (typed: string) => void): void {
  useEffect(() => {
    const typedEarly = input.current?.value;
    if (typedEarly !== undefined && typedEarly !== text) adopt(typedEarly);
    // Only at mount: later differences are React's own updates.
  }, []);
}

/**
 * The catalogue's search form with suggestions as you type: an ARIA 1.2 combobox (input + listbox), arrow keys move,
 * Enter opens the highlighted suggestion, Escape closes the list. Without JavaScript it is a plain GET form.
 */
export function SearchBox({ t, defaultValue, children }: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const navigate = useNavigate();
  const [text, setText] = useState(defaultValue);
  const [typed, setTyped] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const items = useSuggestions(text, typed);
  const blurTimer = useRef<ReturnType<typeof setTimeout>>();
  const input = useRef<HTMLInputElement>(null);
  const expanded = open && items.length > 0;

  useAdoptTextTypedBeforeHydration(input, text, (typedEarly) => {
    setText(typedEarly);
    setTyped(true);
  });
  useEffect(() => setActive(-1), [items]);
  useEffect(() => () => clearTimeout(blurTimer.current), []);

  const choose = (s: Suggestion) => {
    setOpen(false);
    navigate(s.href);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (items.length === 0) return;
      e.preventDefault();
      setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      // Wraps through "nothing highlighted" (-1), so the typed text can be submitted again.
      setActive((i) => ((i + step + 1 + items.length + 1) % (items.length + 1)) - 1);
    } else if (e.key === "Enter" && expanded && active >= 0) {
      e.preventDefault();
      choose(items[active]);
    } else if (e.key === "Escape" && expanded) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <Form method="get" action="/catalog" role="search" className="relative flex gap-2">
      {children}
      <label htmlFor={`${id}-q`} className="sr-only">
        {t("catalog.search")}
      </label>
      <input
        ref={input}
        id={`${id}-q`}
        name="q"
        type="search"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setTyped(true);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        // Leaves time for a click on a suggestion to land before the list closes.
        onBlur={() => (blurTimer.current = setTimeout(() => setOpen(false), 150))}
        placeholder={t("catalog.searchPlaceholder")}
        maxLength={50}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        className="input flex-1"
      />
      <button type="submit" className="btn-primary shrink-0">
        {t("catalog.searchSubmit")}
      </button>
      <ul
        id={listId}
        role="listbox"
        aria-label={t("catalogList.suggest.label")}
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-20 mt-1 max-h-96 overflow-y-auto rounded-lg border border-stone-200 bg-white py-1 shadow-lg"
      >
        {items.map((s, i) => (
          <li
            key={s.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown would blur the input first; keep the focus and act on click.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(s)}
            onMouseMove={() => setActive(i)}
            className={`flex min-h-11 cursor-pointer flex-col justify-center px-3 py-1 ${i === active ? "bg-brand-50" : ""}`}
          >
            <span className="text-stone-900">{s.label}</span>
            {s.secondary ? <span className="text-xs text-stone-500">{s.secondary}</span> : null}
          </li>
        ))}
      </ul>
      <p className="sr-only" role="status" aria-live="polite">
        {expanded ? t("catalogList.suggest.count", { count: items.length }) : ""}
      </p>
    </Form>
  );
}
