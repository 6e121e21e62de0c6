/**
 * Spring Boot auto-configuration of the Civis client: properties, connection details, the
 * shared client and one bean per API group.
 */
@NullMarked
package io.github.civis.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
