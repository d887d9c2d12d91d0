package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.Context;
import io.jtractor.MsgStream;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.Gather;
import io.jtractor.sc.Resource;
import io.jtractor.testing.NoZombies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed #5: a parent floods a cluster of worker actors over gathered contexts and streams. */
@ExtendWith(NoZombies.class)
@Timeout(60)
class ClusterWorkerTest {

    private static final int WORKERS = 3;
    private static final int MESSAGES_PER_WORKER = 2000;

    @Test
    void clusterReceivesEveryMessageSentRoundRobinAtFullSpeed() {
        try (var actors = ActorNursery.open()) {
            var portals = new ArrayList<Portal>();
            for (int i = 0; i < WORKERS; i++) {
                portals.add(actors.startActor("worker_" + i,
                        SpawnOptions.exposing(ClusterWorker.class)));
            }

            try (var ctx = portals.get(0).openContext(ClusterWorker::worker);
                    var stream = ctx.openStream(String.class)) {
                stream.send("tractoring at half speed");
                assertThatThrownBy(ctx::result).isInstanceOfSatisfying(
                        RemoteActorException.class,
                        e -> assertThat(e.boxes(IllegalArgumentException.class)).isTrue());
            }

            try (var contexts = Gather.open(portals.stream()
                    .map(portal -> (Gather.Opener<Context>)
                            () -> Resource.of(portal.openContext(ClusterWorker::worker)))
                    .toList())) {
                try (var streams = Gather.open(contexts.values().stream()
                        .map(ctx -> (Gather.Opener<MsgStream<String>>)
                                () -> Resource.of(ctx.openStream(String.class)))
                        .toList())) {
                    var all = streams.values();
                    for (int i = 0; i < WORKERS * MESSAGES_PER_WORKER; i++) {
                        all.get(i % WORKERS).send(ClusterWorker.MESSAGE);
                    }
                }
                List<Long> counts = contexts.values().stream()
                        .map(ctx -> ctx.result(Long.class))
                        .toList();
                assertThat(counts).containsOnly((long) MESSAGES_PER_WORKER);
            }
        }
    }
}
