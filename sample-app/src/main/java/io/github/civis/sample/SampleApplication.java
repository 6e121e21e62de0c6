package io.github.civis.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small service using the Civis starter the way applications do: it injects the generated
 * APIs and exposes a few endpoints of its own. With no API key configured it runs against an
 * embedded Civis simulator, so it works on any machine without an account.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
