package io.github.civis.simulator.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The fault rules of a running simulator, changeable at any time from any thread. Rules are
 * consulted in the order they were added: every matching latency rule adds its delay, and the
 * first matching rule of another kind decides the answer.
 */
public final class Faults {

    private final Map<Long, ActiveRule> rules = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Random random;

    /**
     * Creates an empty set of rules.
     *
     * @param seed seed of the random numbers behind rates, so that a run can be repeated
     */
    public Faults(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Adds a rule.
     *
     * @return the rule's id, for {@link #remove(long)}
     */
    public synchronized long add(FaultRule rule) {
        long id = ids.incrementAndGet();
        rules.put(id, new ActiveRule(id, rule, rule.times()));
        return id;
    }

    /** Removes a rule; returns whether it existed. */
    public synchronized boolean remove(long id) {
        return rules.remove(id) != null;
    }

    /** Removes every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    /** The active rules by id, with the calls they have left ({@code null}: no limit). */
    public synchronized List<ActiveRule> rules() {
        return List.copyOf(rules.values());
    }

    /**
     * Decides what happens to one call. Used-up rules are dropped.
     *
     * @param verb the HTTP verb
     * @param routeTemplate the catalog route the call matched, or {@code null}
     * @param path the concrete path
     */
    public synchronized FaultDecision decide(String verb, @Nullable String routeTemplate, String path) {
        Duration delay = Duration.ZERO;
        FaultRule decisive = null;
        List<Long> usedUp = new ArrayList<>();
        for (ActiveRule active : rules.values()) {
            FaultRule rule = active.rule();
            if (!rule.matches(verb, routeTemplate, path)) {
                continue;
            }
            if (rule.kind() != FaultRule.Kind.LATENCY && decisive != null) {
                continue;
            }
            if (rule.rate() < 1.0 && random.nextDouble() >= rule.rate()) {
                continue;
            }
            if (rule.kind() == FaultRule.Kind.LATENCY) {
                delay = delay.plus(rule.latency());
            }
            else {
                decisive = rule;
            }
            Integer left = active.remaining();
            if (left != null) {
                if (left <= 1) {
                    usedUp.add(active.id());
                }
                else {
                    rules.put(active.id(), new ActiveRule(active.id(), rule, left - 1));
                }
            }
        }
        usedUp.forEach(rules::remove);
        return (delay.isZero() && decisive == null) ? FaultDecision.NONE : new FaultDecision(delay, decisive);
    }

    /**
     * A rule in force.
     *
     * @param id the rule's id
     * @param rule the rule
     * @param remaining calls it still applies to, or {@code null} for no limit
     */
    public record ActiveRule(long id, FaultRule rule, @Nullable Integer remaining) {
    }
}
