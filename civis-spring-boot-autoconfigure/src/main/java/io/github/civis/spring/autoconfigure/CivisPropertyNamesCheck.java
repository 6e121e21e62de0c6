package io.github.civis.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

import io.github.civis.client.lookup.ClosestNames;

/**
 * Stops the application when a {@code civis.*} key is not a known property, before any bean
 * (and so before any call with the key) is made: a misspelt {@code civis.base-ulr} would
 * otherwise be ignored and the key sent to the default URL.
 *
 * <p>The known keys are read from the configuration metadata of every jar on the class path
 * ({@code META-INF/spring-configuration-metadata.json} and
 * {@code META-INF/additional-spring-configuration-metadata.json}), so that the properties of any
 * module that adds {@code civis.*} settings are known without being listed here. Environment
 * variables and JVM system properties are not checked: they belong to the whole process, where
 * the Civis platform sets {@code CIVIS_*} variables and tools may set {@code civis.*} system
 * properties of their own.
 */
final class CivisPropertyNamesCheck implements BeanFactoryPostProcessor {

    private static final ConfigurationPropertyName CIVIS = ConfigurationPropertyName.of("civis");

    private static final String[] METADATA = { "META-INF/spring-configuration-metadata.json",
            "META-INF/additional-spring-configuration-metadata.json" };

    private static final Set<String> PROCESS_SOURCES = Set.of(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);

    /**
     * Where this module's resources are ({@code jar:file:/…/x.jar!/} or a directory's URL): the
     * URL of this class less its path within the module.
     */
    private static final String OWN_ROOT = ownRoot();

    private final Environment environment;

    CivisPropertyNamesCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
            return;
        }
        Set<ConfigurationPropertyName> used = usedNames(configurable);
        if (used.isEmpty()) {
            return;
        }
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        ClassLoader loader = (classLoader != null) ? classLoader : getClass().getClassLoader();
        // The starter's own metadata names every civis.* property it knows, so it is usually
        // enough; the metadata of every other jar (Spring Boot's alone is several large files)
        // is read only when a name is not found there.
        List<ConfigurationPropertyName> known = knownNames(loader, true);
        if (used.stream().allMatch(name -> isKnown(name, known))) {
            return;
        }
        known.addAll(knownNames(loader, false));
        for (ConfigurationPropertyName name : used) {
            if (!isKnown(name, known)) {
                throw new CivisUnknownPropertyException(name.toString(), closest(name.toString(), known));
            }
        }
    }

    private static boolean isKnown(ConfigurationPropertyName name, List<ConfigurationPropertyName> known) {
        return known.stream().anyMatch(property -> property.equals(name) || property.isAncestorOf(name));
    }

    private static Set<ConfigurationPropertyName> usedNames(ConfigurableEnvironment environment) {
        Set<ConfigurationPropertyName> used = new LinkedHashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            Object underlying = source.getUnderlyingSource();
            if (underlying instanceof org.springframework.core.env.PropertySource<?> propertySource
                    && PROCESS_SOURCES.contains(propertySource.getName())) {
                continue;
            }
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.filter(CIVIS::isAncestorOf).forEach(used::add);
            }
        }
        return used;
    }

    /**
     * The {@code civis.*} names in the metadata of this module ({@code own}), or in that of every
     * other jar on the class path.
     */
    private static List<ConfigurationPropertyName> knownNames(ClassLoader loader, boolean own) {
        JsonMapper json = JsonMapper.builder().build();
        List<ConfigurationPropertyName> known = new ArrayList<>();
        for (String resource : METADATA) {
            String ownUrl = OWN_ROOT + resource;
            try {
                Enumeration<URL> files = loader.getResources(resource);
                while (files.hasMoreElements()) {
                    URL file = files.nextElement();
                    if (file.toString().equals(ownUrl) != own) {
                        continue;
                    }
                    try (InputStream in = file.openStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            String name = property.path("name").asString("");
                            if (ConfigurationPropertyName.isValid(name)) {
                                ConfigurationPropertyName parsed = ConfigurationPropertyName.of(name);
                                if (CIVIS.isAncestorOf(parsed)) {
                                    known.add(parsed);
                                }
                            }
                        }
                    }
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot read " + resource, ex);
            }
        }
        return known;
    }

    private static String ownRoot() {
        String classFile = CivisPropertyNamesCheck.class.getName().replace('.', '/') + ".class";
        URL url = CivisPropertyNamesCheck.class.getClassLoader().getResource(classFile);
        String location = (url != null) ? url.toString() : "";
        // when the class cannot be found as a resource, no metadata is "own" and every jar is read
        return location.endsWith(classFile) ? location.substring(0, location.length() - classFile.length()) : "";
    }

    /** The closest known name, for the "did you mean" hint. */
    private static @Nullable String closest(String name, List<ConfigurationPropertyName> known) {
        List<String> suggestions = ClosestNames.to(name, known.stream().map(ConfigurationPropertyName::toString).toList());
        return suggestions.isEmpty() ? null : suggestions.get(0);
    }

}
