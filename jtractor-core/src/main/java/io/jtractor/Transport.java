package io.jtractor;

/** How the actors of a tree connect to each other (SPEC W1); the frames are the same on both. */
public enum Transport {

    /** TCP, on 127.0.0.1 unless the root binds another host: the default. */
    TCP,

    /**
     * Unix domain sockets: one socket file per actor in a private runtime folder (mode 0700,
     * owned by the user), removed when the actor ends. Reaches actors on this machine only.
     */
    UDS
}
