using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Messaging.Web.Hosting;

/// <summary>
/// What the generated OpenAPI document does not know by itself (API.md "Conventions" and "Operations"): the bearer
/// scheme and which operations need it, and the RFC 9457 problem answers with the contract's error codes. Refusals
/// come from Core as exceptions, so the answers are derived from each endpoint's shape: authorization, parameters, a
/// path id, a change, rate limiting.
/// </summary>
internal static class OpenApiContract
{
    public const string BearerScheme = "bearer";
    public const string ProblemSchema = "Problem";
    public const string ProblemMediaType = "application/problem+json";

    private static readonly ErrorCode[] Codes = Enum.GetValues<ErrorCode>();

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The access_token from POST /api/v1/auth/login or /auth/refresh, as Authorization: Bearer <token>.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            Describe(operation, context);
            return Task.CompletedTask;
        });
    }

    public static string CodeName(ErrorCode code) => JsonNamingPolicy.SnakeCaseLower.ConvertName(code.ToString());

    private static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var document = context.Document;
        operation.Security = secured && document is not null
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }]
            : [];
        if (document is null)
        {
            return;
        }

        var method = context.Description.HttpMethod ?? "GET";
        var changes = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        var parameters = context.Description.ParameterDescriptions;
        var answers = new SortedSet<int> { StatusCodes.Status503ServiceUnavailable };
        if (parameters.Count > 0)
        {
            answers.Add(StatusCodes.Status400BadRequest);
        }

        if (secured)
        {
            answers.UnionWith([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
        }

        if (parameters.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path))
        {
            answers.Add(StatusCodes.Status404NotFound);
        }

        if (changes && secured)
        {
            answers.Add(StatusCodes.Status409Conflict);
        }

        if (context.Description.SupportedRequestFormats.Any(f => f.MediaType?.StartsWith("multipart/", StringComparison.Ordinal) == true))
        {
            answers.UnionWith([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            answers.Add(StatusCodes.Status429TooManyRequests);
        }

        operation.Responses ??= new OpenApiResponses();

        // An error an endpoint declares itself (ProducesProblem: the framework's ProblemDetails) is answered as every
        // other one, by ProblemLocalizer: the same Problem schema and description.
        foreach (var declared in operation.Responses.Keys)
        {
            if (int.TryParse(declared, System.Globalization.CultureInfo.InvariantCulture, out var status) && status >= 400)
            {
                answers.Add(status);
            }
        }

        foreach (var status in answers)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            operation.Responses[key] = new OpenApiResponse
            {
                Description = Describe(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemMediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                },
            };
        }
    }

    /// <summary>The status's meaning and the error codes (<c>code</c>) it can carry.</summary>
    private static string Describe(int status)
    {
        var codes = Codes.Where(c => ErrorStatus.Of(c) == status).Select(c => $"`{CodeName(c)}`").ToList();
        var meaning = status switch
        {
            400 => "Invalid input",
            401 => "No token, or an invalid or expired one",
            403 => "Not allowed",
            404 => "Unknown id (also instead of 403 where existence must not leak)",
            409 => "Conflict with the current state",
            413 => "Too large",
            415 => "Type not allowed",
            429 => "Rate limited; see Retry-After",
            503 => "Busy; see Retry-After",
            _ => "Error",
        };
        return codes.Count == 0 ? meaning : $"{meaning}. code: {string.Join(", ", codes)}";
    }

    /// <summary>RFC 9457 as ProblemLocalizer writes it: localized title and detail, the contract's code, and per-field errors.</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details; title and detail follow Accept-Language (ar or en).",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "What went wrong, for programs (API.md); absent on plain HTTP errors.",
                Enum = [.. Codes.Select(c => (JsonNode)JsonValue.Create(CodeName(c)))],
            },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "For invalid input: the field (snake_case) and its messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
        Required = new HashSet<string> { "status", "title" },
    };
}
