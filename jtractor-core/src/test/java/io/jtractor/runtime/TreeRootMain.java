package io.jtractor.runtime;

import io.jtractor.ActorNursery;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.Tasks;

/**
 * A separate root program for the signal tests (SPEC A8, A9): opens a nursery, spawns one
 * child, prints {@code child-pid PID}, and waits until it is cancelled or killed.
 */
public final class TreeRootMain {

    private TreeRootMain() {
    }

    public static void main(String[] args) {
        try (var actors = ActorNursery.open()) {
            var child = actors.startActor("tree-child", SpawnOptions.exposing(Endpoints.class));
            System.out.println("child-pid " + child.run(Endpoints::pid));
            System.out.flush();
            Tasks.sleepForever();
        }
    }
}
