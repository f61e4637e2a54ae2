package io.hazardledger.app.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The OpenAPI document (springdoc, {@code /v3/api-docs}) says what a caller needs: the bearer token, and for each
 * operation the roles {@link AccessPolicy} lets call it (or that it needs no account), and that a refusal is an RFC
 * 9457 problem. So Swagger UI offers "Authorize", and its "Try it out" sends the token.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiAccess {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI ledgerOpenApi(Environment env) {
        OpenAPI api = new OpenAPI().info(new Info().title("Hazard ledger API").version("v1")
                .description("The REST facade of the hazard ledger: every write is a hash-chained ledger entry. "
                        + "Formats: docs/FORMAT.md; who may call what: docs/SECURITY.md."))
                .components(new Components().addSchemas(PROBLEM, problemSchema()));
        if (!"off".equals(LedgerSecurity.mode(env))) {
            api.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").description("A local API token (`./ledger token create --person ID`) or, "
                            + "with ledger.security.mode=oidc, an access token of the identity provider"));
        }
        return api;
    }

    @Bean
    OpenApiCustomizer accessAndProblems(Environment env) {
        boolean secured = !"off".equals(LedgerSecurity.mode(env));
        return api -> {
            // springdoc writes the components it found over those of the bean: the schema the refusals name, again
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            if (api.getComponents().getSchemas() == null || !api.getComponents().getSchemas().containsKey(PROBLEM)) {
                api.getComponents().addSchemas(PROBLEM, problemSchema());
            }
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                Optional<AccessPolicy.Rule> rule = AccessPolicy.ruleFor(method.name(), path);
                if (secured && rule.isPresent()) {
                    if (rule.get().isPublic()) {
                        op.setSecurity(List.of());
                        op.setDescription(join(op.getDescription(), "No account needed."));
                    } else {
                        op.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
                        op.setDescription(join(op.getDescription(), "Roles: " + rule.get().roles().stream()
                                .map(Enum::name).sorted().collect(Collectors.joining(", ")) + "."));
                    }
                }
                if (op.getResponses() != null && !op.getResponses().containsKey("default")) {
                    op.getResponses().addApiResponse("default", new ApiResponse()
                            .description("Refused or failed: an RFC 9457 problem; nothing was stored")
                            .content(new Content().addMediaType("application/problem+json",
                                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
                }
            }));
        };
    }

    private static String join(String description, String more) {
        return description == null || description.isBlank() ? more : description + "\n\n" + more;
    }

    /** RFC 9457's members as the API gives them, with its stable {@code code} and, for an input, {@code field}. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An RFC 9457 problem detail")
                .addProperty("type", new StringSchema().description("urn:hazard-ledger:problem:<code>"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("what was refused, and why"))
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().description("stable, for programs: the last segment of type"))
                .addProperty("field", new StringSchema().description("the request's member or parameter, if one"));
    }
}
