package org.parley.server;

/** Placeholder entry point. */
public final class ParleyMain {
    private ParleyMain() {}

    public static void main(String[] args) {}
}
