/**
 * What Node's UTF-8 decoding puts where a file's bytes are no UTF-8 character (a Latin-1 or
 * Windows-1252 "É", a character cut in two): a line holding it is refused rather than
 * stored with the character lost.
 */
export const NOT_UTF8 = '\uFFFD';

export const NOT_UTF8_REASON = 'not valid UTF-8 text (a Latin-1 or Windows-1252 file?): save the file as UTF-8';
