package dev.inspectorate.rest;

/**
 * Text the platform can store and print: no NUL character (PostgreSQL's text and jsonb refuse it), no unpaired
 * UTF-16 surrogate (not encodable as UTF-8), and nothing else XML 1.0 refuses (control characters other than tab
 * and line breaks, U+FFFE, U+FFFF), which would make the report's XHTML, and so its PDF, unreadable. Input with any
 * of them is refused at the edge, naming the field, instead of failing in the database or the report.
 */
public final class StorableText {
    private StorableText() {}

    public static boolean storable(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == '\uFFFE' || c == '\uFFFF') {
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

    public static final String MESSAGE = "must not contain control characters other than tab and line breaks, "
            + "unpaired surrogates, U+FFFE or U+FFFF";
}
