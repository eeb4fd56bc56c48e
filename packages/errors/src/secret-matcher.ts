import { decodedView } from './decoded-view';
import { secretForms } from './secret-forms';

/**
 * A test for a set of secrets in every form `redactText` finds, made once for the set and kept:
 * one regular expression of all their forms, and the length of the shortest, below which a text
 * cannot hold any. What a hot path uses to check many short texts (an answer's header values)
 * for the secrets of a call, at a fraction of `hasSecret`'s cost per text.
 */
export interface SecretMatcher {
  /** The secrets it looks for. */
  readonly secrets: readonly string[];
  /** The length of the shortest form of a secret (`Infinity` when none is 6 characters or longer): a shorter text holds none. */
  readonly minLength: number;
  /** True when `text` holds one of the secrets, in any of the forms `redactText` finds: what `hasSecret(text, secrets)` says. */
  test(text: string): boolean;
}

/** What may start an escape that `decodedView` decodes. */
const MAY_ESCAPE = /[\\%&]/;
const SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

/** A matcher that never finds anything: no secret to look for. */
const NOTHING: SecretMatcher = Object.freeze({ secrets: Object.freeze([]), minLength: Infinity, test: () => false });

/**
 * Builds the `SecretMatcher` of a set of secrets. Building it works out every form of every secret
 * and compiles a regular expression: keep it for as long as the set holds.
 */
export function secretMatcher(secrets: readonly string[]): SecretMatcher {
  const forms = secretForms(secrets);
  if (forms.length === 0) return NOTHING;
  // Longest first (as `secretForms` sorts them): the alternation only has to find one.
  const pattern = new RegExp(forms.map((form) => form.replace(SPECIAL, '\\$&')).join('|'));
  const minLength = forms[forms.length - 1]!.length;
  const kept = Object.freeze([...secrets]);
  return {
    secrets: kept,
    minLength,
    test(text: string): boolean {
      // An escape only ever makes a text longer than what it stands for.
      if (text.length < minLength) return false;
      if (pattern.test(text)) return true;
      if (!MAY_ESCAPE.test(text)) return false;
      const view = decodedView(text);
      return view !== undefined && pattern.test(view.text);
    },
  };
}
