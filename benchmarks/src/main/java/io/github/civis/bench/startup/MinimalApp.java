package io.github.civis.bench.startup;

import java.lang.management.ManagementFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The smallest Spring Boot application: no beans of its own. Started once with the Civis
 * starter on the classpath and once without, the difference is what the starter costs at
 * startup. Prints {@code STARTUP_MS=<ms since JVM start> CIVIS_BEANS=<n>} and exits.
 */
@SpringBootApplication
public class MinimalApp {

    /**
     * Starts, reports, stops.
     * @param args Spring Boot arguments, e.g. {@code --civis.api-key=...}
     */
    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(MinimalApp.class, args);
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        int civisBeans = 0;
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            // Counting them proves the starter's auto-configuration ran in the "with" case.
            if (type != null && type.getName().startsWith("io.github.civis.") && !type.getName().startsWith("io.github.civis.bench.")) {
                civisBeans++;
            }
        }
        System.out.println("STARTUP_MS=" + uptime + " CIVIS_BEANS=" + civisBeans);
        System.out.flush();
        context.close();
        System.exit(0);
    }
}
