package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.hazardledger.app.Http.j;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that register people (unsigned) as fast as the server answers, each on a thread of its own, until the
 * server no longer takes a connection, {@code goOn} says stop, or each has sent {@code perClient}: for tests that
 * stop a server while it is written to. Keeps every write acknowledged (201) with its answer, every other answer, and
 * every request that got no answer for another reason than a refused connection (its connection lost).
 */
final class PeopleWriters {

    final Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();
    final Queue<String> otherAnswers = new ConcurrentLinkedQueue<>();
    /** Requests whose connection was lost before an answer came (not refused: sent, and maybe handled). */
    final Queue<String> unanswered = new ConcurrentLinkedQueue<>();
    /** Acknowledgements that arrived after {@link #markSignal}. */
    final AtomicInteger acknowledgedAfterMark = new AtomicInteger();
    private volatile boolean marked;
    private final ExecutorService clients;
    private final AtomicInteger next = new AtomicInteger();
    private final Semaphore acknowledgements = new Semaphore(0);

    PeopleWriters(Http http, String enterpriseId, int count, int perClient, BooleanSupplier goOn) {
        clients = Executors.newFixedThreadPool(count);
        for (int t = 0; t < count; t++) {
            clients.submit(() -> {
                for (int i = 0; i < perClient && goOn.getAsBoolean(); i++) {
                    String id = "p-" + next.getAndIncrement();
                    try {
                        Http.Response r = http.post("/api/v1/people", j("{'personId':'" + id + "','name':'N',"
                                + "'enterpriseId':'" + enterpriseId + "','roles':['ENTERPRISE_STAFF']}"));
                        if (r.status() == 201) {
                            acknowledged.put(id, r.json());
                            acknowledgements.release();
                            if (marked) {
                                acknowledgedAfterMark.incrementAndGet();
                            }
                        } else {
                            otherAnswers.add(id + ": " + r.status() + " " + r.raw());
                        }
                    } catch (AssertionError noAnswer) {
                        if (!(noAnswer.getCause() instanceof java.net.ConnectException)) {
                            unanswered.add(id + ": " + noAnswer.getCause());
                        }
                        return;
                    }
                }
            });
        }
    }

    /** Waits (at most 2 minutes) until that many writes were acknowledged, and fails if they were not. */
    void awaitAcknowledged(int count) throws InterruptedException {
        assertThat(acknowledgements.tryAcquire(count, 120, TimeUnit.SECONDS)).as(
                "%d writes acknowledged within 2 minutes (other answers: %s)", count, otherAnswers).isTrue();
    }

    /** From now on, acknowledgements are counted in {@link #acknowledgedAfterMark} (call before stopping a server). */
    void markSignal() {
        marked = true;
    }

    /** Waits (at most a minute) until every client has stopped, and fails if one has not. */
    void awaitEnd() throws InterruptedException {
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).as("the writing clients stopped").isTrue();
    }
}
