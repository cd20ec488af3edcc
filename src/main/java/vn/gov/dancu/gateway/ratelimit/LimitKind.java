package vn.gov.dancu.gateway.ratelimit;

/** Whose budget a limit counts: the metric tag, so never a name. */
public enum LimitKind {
    OFFICER("officer"), CLIENT("client");

    private final String tag;

    LimitKind(String tag) {
        this.tag = tag;
    }

    /** The value of the {@code kind} tag on {@code gateway.ratelimit.refusals}. */
    public String tag() {
        return tag;
    }
}
