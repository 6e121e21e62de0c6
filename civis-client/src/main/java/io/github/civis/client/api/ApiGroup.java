package io.github.civis.client.api;

import java.util.function.Function;

/**
 * One resource group's API as a bean-like unit: its name, its interface and how to get the
 * instance from a client. Used to register every group without naming each one.
 *
 * @param group the documented group name, e.g. {@code json_values}
 * @param beanName the conventional bean name, e.g. {@code jsonValuesApi} or {@code reactiveJsonValuesApi}
 * @param type the interface, e.g. {@code JsonValuesApi.class}
 * @param reactive whether the interface is the reactive variant
 * @param accessor returns the instance held by a client
 */
public record ApiGroup(String group, String beanName, Class<?> type, boolean reactive,
        Function<CivisApiGroups, Object> accessor) {
}
