package dev.inspectorate.testing;

import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @QuarkusTest} against real infrastructure: the service's own database on the embedded
 * PostgreSQL server, the Kafka broker and the OIDC provider of {@link TestInfrastructure}. Tokens come from
 * {@link Tokens}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(PlatformTestResource.class)
public @interface WithPlatformInfrastructure {
    /** The service's database: one of {@link TestInfrastructure#DATABASES}. */
    String database();
}
