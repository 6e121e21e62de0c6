package io.github.civis.spring.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

import io.github.civis.client.api.ApiGroup;
import io.github.civis.client.api.CivisApiGroups;

/**
 * Registers one bean per API group and flavour ({@code credentialsApi},
 * {@code reactiveCredentialsApi}, …) from {@link CivisApiGroups#apiGroups()}, so that a group added
 * to the API needs no change here. Each bean backs off, like {@code @ConditionalOnMissingBean},
 * when a bean of its type or its name is already defined: user configuration is registered
 * before auto-configuration. The beans are lazy: an application that injects a few groups does
 * not pay for the rest at start-up.
 *
 * <p>An {@code ImportBeanDefinitionRegistrar} rather than Spring Framework 7's {@code BeanRegistrar}:
 * the 7.0 {@code BeanRegistry} cannot ask whether a bean of a type or name is already defined, so
 * a registrar could not let the user's own bean win; and its beans come from instance suppliers,
 * which Spring AOT cannot write as code, while these factory-method definitions it can.
 */
final class CivisApiBeanRegistrar implements ImportBeanDefinitionRegistrar {

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry,
            BeanNameGenerator nameGenerator) {
        registerBeanDefinitions(metadata, registry);
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        for (ApiGroup group : CivisApiGroups.apiGroups()) {
            if (!isDefined(registry, group)) {
                registry.registerBeanDefinition(group.beanName(), definition(group));
            }
        }
    }

    private static boolean isDefined(BeanDefinitionRegistry registry, ApiGroup group) {
        if (registry.containsBeanDefinition(group.beanName())) {
            return true;
        }
        return registry instanceof ListableBeanFactory beanFactory
                && beanFactory.getBeanNamesForType(group.type(), true, false).length > 0;
    }

    private static RootBeanDefinition definition(ApiGroup group) {
        RootBeanDefinition definition = new RootBeanDefinition(CivisApiBeans.class);
        definition.setFactoryMethodName("civisApi");
        definition.setTargetType(group.type());
        // the client is autowired; the API type is fixed per bean
        definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(1, group.type());
        // 78 beans, of which an application uses a few: each is made when first injected or looked up
        definition.setLazyInit(true);
        return definition;
    }

}
