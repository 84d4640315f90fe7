package io.glance.adapters.policy;

/** A check string that is not in the policy language; the message names the string and what is wrong with it. */
public final class PolicySyntaxException extends IllegalArgumentException {
    private final String checkString;

    PolicySyntaxException(String checkString, String problem) {
        super("Invalid check string '" + checkString + "': " + problem);
        this.checkString = checkString;
    }

    public String checkString() {
        return checkString;
    }
}
