package io.github.civis.sample;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The sample's own Spring MVC settings: every endpoint takes its path exactly as sent
 * ({@link PathParameterGuard}).
 */
@Configuration(proxyBeanMethods = false)
class SampleWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PathParameterGuard());
    }

}
