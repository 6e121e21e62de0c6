package io.github.civis.spring.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

import io.github.civis.client.lookup.ClosestNames;

/**
 * Stops the application when {@code civis.*} keys are set that are not known properties, before
 * any bean (and so before any call with the keys) is made: a misspelt {@code civis.base-ulr}
 * would otherwise be ignored and the key sent to the default URL. Every unknown key is reported
 * in the one failure, each with the closest known key.
 *
 * <p>The known keys are those of the {@link CivisProperties} tree, plus those below the prefix of
 * any other configuration properties bean of the application under {@code civis.}, so that a
 * module adding {@code civis.*} settings of its own is not refused. Environment variables and JVM
 * system properties are not checked: they belong to the whole process, where the Civis platform
 * sets {@code CIVIS_*} variables and tools may set {@code civis.*} system properties of their own.
 */
final class CivisPropertyNamesCheck implements BeanFactoryPostProcessor {

    private static final ConfigurationPropertyName CIVIS = ConfigurationPropertyName.of("civis");

    /** Every property of the {@link CivisProperties} tree. */
    static final List<ConfigurationPropertyName> KNOWN = List.copyOf(namesOf(CivisProperties.class, CIVIS));

    private static final Set<String> PROCESS_SOURCES = Set.of(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);

    private final Environment environment;

    CivisPropertyNamesCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
            return;
        }
        List<ConfigurationPropertyName> unknown = usedNames(configurable).stream()
            .filter(name -> !isKnown(name, KNOWN))
            .toList();
        if (unknown.isEmpty()) {
            return;
        }
        // Only now, with names the tree does not know, are the application's other properties
        // beans looked for: finding them resolves the type of every bean definition.
        List<ConfigurationPropertyName> elsewhere = prefixesOfOtherPropertiesBeans(beanFactory);
        Map<String, @Nullable String> misspelt = new LinkedHashMap<>();
        for (ConfigurationPropertyName name : unknown) {
            if (!isKnown(name, elsewhere)) {
                misspelt.put(name.toString(), closest(name.toString()));
            }
        }
        if (!misspelt.isEmpty()) {
            throw new CivisUnknownPropertyException(misspelt);
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
     * The names of the properties of {@code type} bound under {@code prefix}: a nested class of
     * {@link CivisProperties} is a group whose properties are named below it; any other type
     * (a value, an enum, a collection) is one property.
     */
    private static List<ConfigurationPropertyName> namesOf(Class<?> type, ConfigurationPropertyName prefix) {
        List<ConfigurationPropertyName> names = new ArrayList<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            if (property.getReadMethod() == null || property.getName().equals("class")) {
                continue;
            }
            ConfigurationPropertyName name = prefix
                .append(DataObjectPropertyName.toDashedForm(property.getName()));
            Class<?> valueType = property.getPropertyType();
            if (isGroup(valueType)) {
                names.addAll(namesOf(valueType, name));
            }
            else {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean isGroup(Class<?> type) {
        return !type.isEnum() && type.getName().startsWith(CivisProperties.class.getName() + "$");
    }

    /**
     * The prefixes below {@code civis.} of the configuration properties beans other than
     * {@link CivisProperties}: keys below them belong to another module.
     */
    private static List<ConfigurationPropertyName> prefixesOfOtherPropertiesBeans(
            ConfigurableListableBeanFactory beanFactory) {
        List<ConfigurationPropertyName> prefixes = new ArrayList<>();
        for (String bean : beanFactory.getBeanDefinitionNames()) {
            ConfigurationProperties annotation = beanFactory.findAnnotationOnBean(bean, ConfigurationProperties.class,
                    false);
            if (annotation != null && ConfigurationPropertyName.isValid(annotation.prefix())) {
                ConfigurationPropertyName prefix = ConfigurationPropertyName.of(annotation.prefix());
                if (CIVIS.isAncestorOf(prefix)) {
                    prefixes.add(prefix);
                }
            }
        }
        return prefixes;
    }

    /** The closest known name, for the "did you mean" hint. */
    private static @Nullable String closest(String name) {
        List<String> suggestions = ClosestNames.to(name, KNOWN.stream().map(ConfigurationPropertyName::toString).toList());
        return suggestions.isEmpty() ? null : suggestions.get(0);
    }

}
