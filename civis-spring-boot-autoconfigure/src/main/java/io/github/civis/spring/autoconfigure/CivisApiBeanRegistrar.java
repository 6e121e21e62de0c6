package io.github.civis.spring.autoconfigure;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
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
 * <p>Lazy is not enough on its own: once the singletons are made, Spring's
 * {@code EventListenerMethodProcessor} looks for {@code @EventListener} methods on the type of
 * every bean, lazy or not, and listing an API interface's methods makes the JVM load every
 * request and model type in their signatures (about 560 classes for the 78 groups). The API
 * types carry no Spring annotations, so each definition names {@link CivisApiBeans}, the class
 * the beans come from, as the class to search for annotations (the bean definition attribute
 * {@link AutoProxyUtils#ORIGINAL_TARGET_CLASS_ATTRIBUTE}, which is how a proxied bean tells
 * Spring where its annotations are). Injection by type and by name still goes by the API type.
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
        // 86 beans, of which an application uses a few: each is made when first injected or looked up
        definition.setLazyInit(true);
        // searched for @EventListener methods instead of the API type, whose methods' signatures
        // would load their request and model classes at start-up
        definition.setAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE, CivisApiBeans.class);
        return definition;
    }

}
