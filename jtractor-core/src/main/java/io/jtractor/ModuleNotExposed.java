package io.jtractor;

/**
 * A call named a class that the actor does not expose. Raised in the called actor and delivered
 * to the caller boxed in a {@link RemoteActorException} ({@code e.boxes(ModuleNotExposed.class)}).
 */
public final class ModuleNotExposed extends RuntimeException {

    public ModuleNotExposed(String message) {
        super(message);
    }
}
