package org.affect4j.core.checkpoint;

/** A reference to an allowlisted Python global ({@code module.name}); it is only a name, never resolved to code. */
public record PyGlobal(String module, String name) {
    public String qualifiedName() {
        return module + "." + name;
    }
}
