package org.affect4j.core.checkpoint;

/**
 * The pickle names a global (module + name) outside the allowlist, e.g. {@code posix.system} or
 * {@code builtins.eval}. Nothing was imported or executed: the reader only compares names.
 */
public final class DisallowedGlobalException extends PickleException {
    private final String global;

    public DisallowedGlobalException(long offset, String module, String name) {
        super(offset, "pickle refers to global '" + module + "." + name + "', which is not on the allowlist of"
                + " safe data globals; refusing to load (nothing was executed)");
        this.global = module + "." + name;
    }

    /** {@code module.name} of the refused global. */
    public String global() {
        return global;
    }
}
