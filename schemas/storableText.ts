/**
 * What PostgreSQL text and jsonb cannot hold: NUL characters and unpaired UTF-16
 * surrogates (half of an emoji-style pair). Input carrying them is refused, naming the field.
 */
export const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';
