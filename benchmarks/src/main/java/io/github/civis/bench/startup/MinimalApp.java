package io.github.civis.bench.startup;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The smallest Spring Boot application that calls an HTTP API: one {@code WebClient} built
 * from Boot's builder, as an application would without the Civis starter. Started once with
 * the starter on the classpath and once without, the difference is what the starter costs at
 * startup. Prints {@code STARTUP_MS=<ms since JVM start> CIVIS_BEANS=<n> MAIN_CPU_MS=<CPU time of the
 * starting thread>} and exits.
 */
@SpringBootApplication
public class MinimalApp {

    /**
     * The application's own HTTP client, so that both runs pay for WebClient and Reactor Netty.
     * @param builder Boot's builder, when its WebClient support is on the classpath
     * @return the client
     */
    @Bean
    WebClient applicationWebClient(ObjectProvider<WebClient.Builder> builder) {
        return builder.getIfAvailable(WebClient::builder).baseUrl("http://127.0.0.1/").build();
    }

    /**
     * Starts, reports, stops.
     * @param args Spring Boot arguments, e.g. {@code --civis.api-key=...}
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(MinimalApp.class);
        BufferingApplicationStartup steps = null;
        if (Boolean.getBoolean("bench.startup.steps")) {
            // -Dbench.startup.steps=true: where the time goes, step by step (bean creation,
            // configuration class parsing, …), to locate what the starter adds.
            steps = new BufferingApplicationStartup(100_000);
            application.setApplicationStartup(steps);
        }
        ConfigurableApplicationContext context = application.run(args);
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        // Start-up runs on this thread: its CPU time is what the start-up costs without the
        // waits for a core that a busy machine adds to the wall time.
        long mainCpuMillis = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        int civisBeans = 0;
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            // Counting them proves the starter's auto-configuration ran in the "with" case.
            if (type != null && type.getName().startsWith("io.github.civis.") && !type.getName().startsWith("io.github.civis.bench.")) {
                civisBeans++;
            }
        }
        if (steps != null) {
            printSteps(steps);
        }
        System.out.println("STARTUP_MS=" + uptime + " CIVIS_BEANS=" + civisBeans + " MAIN_CPU_MS=" + mainCpuMillis);
        System.out.flush();
        context.close();
        System.exit(0);
    }

    /** The 40 longest startup steps, and the total of the bean instantiations of Civis beans. */
    private static void printSteps(BufferingApplicationStartup steps) {
        List<String> lines = new ArrayList<>();
        long civisNanos = 0;
        for (StartupTimeline.TimelineEvent event : steps.getBufferedTimeline().getEvents()) {
            StringBuilder tags = new StringBuilder();
            event.getStartupStep().getTags().forEach(tag -> tags.append(' ').append(tag.getKey()).append('=').append(tag.getValue()));
            long nanos = event.getDuration().toNanos();
            if (event.getStartupStep().getName().equals("spring.beans.instantiate") && tags.toString().contains("civis")
                    && event.getStartupStep().getParentId() != null) {
                civisNanos += nanos;
            }
            lines.add(String.format(Locale.ROOT, "%09.3f ms %s%s", nanos / 1e6, event.getStartupStep().getName(), tags));
        }
        lines.sort(Comparator.reverseOrder());
        lines.stream().limit(40).forEach(line -> System.out.println("STEP " + line));
        System.out.println(String.format(Locale.ROOT, "STEP civis bean instantiations (nested included): %.1f ms", civisNanos / 1e6));
    }
}
