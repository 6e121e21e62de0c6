package io.github.civis.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when a test says so, in UTC. Tests hand it to whatever reads the time
 * (the simulator's runs and presigned links, the client's lookup cache, a run timer that moves it
 * instead of waiting) and then move it forward with {@link #advance(Duration)}, so that a wait of
 * minutes is tested in milliseconds and without timed assertions.
 */
public class ManualClock extends Clock {

    /** Where a clock made without a start begins. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private volatile Instant now;

    /** A clock at {@link #DEFAULT_START}. */
    public ManualClock() {
        this(DEFAULT_START);
    }

    /** A clock at that instant. */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward by that duration. */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock: its time is the test's, whatever the zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
