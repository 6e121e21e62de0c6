package io.github.civis.simulator.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.config.BeanPostProcessor;

import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.sql.Seed;

/**
 * What a {@link CivisSimulatorTest}'s simulator is seeded with beyond its seed files: the
 * {@link Seed} beans of the test's configuration, seeded as each is made and again whenever the
 * simulator is reset for the next test class ({@link CivisSimulatorStateResetListener}).
 */
final class CivisSimulatorSeeding {

    /** The name of this object's bean. */
    static final String BEAN_NAME = "civisSimulatorSeeding";

    private final CivisSimulator simulator;
    private final List<Seed> beanSeeds = new CopyOnWriteArrayList<>();

    CivisSimulatorSeeding(CivisSimulator simulator) {
        this.simulator = simulator;
    }

    /**
     * Seeds each {@link Seed} bean as it is made. Not a bean itself: this object is one, and a
     * post-processor bean would be found and added a second time.
     */
    BeanPostProcessor seedBeans() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof Seed seed) {
                    beanSeeds.add(seed);
                    simulator.seed(seed);
                }
                return bean;
            }
        };
    }

    /** Puts the simulator back as its seed files and {@link Seed} beans describe it. */
    void resetAndSeed() {
        simulator.reset();
        beanSeeds.forEach(simulator::seed);
    }
}
