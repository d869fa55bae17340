package dev.inspectorate.rest;

/**
 * Text PostgreSQL can store: no NUL character (text and jsonb refuse it) and no unpaired UTF-16 surrogate (not
 * encodable as UTF-8). Input with either is refused at the edge, naming the field, instead of failing in the
 * database.
 */
public final class StorableText {
    private StorableText() {}

    public static boolean storable(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static final String MESSAGE = "must not contain NUL characters or unpaired surrogates";
}
