using System.Text.Json.Nodes;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Hosting;

/// <summary>
/// Every operation of the OpenAPI document says what it does (a summary, as the reference at /api/docs lists them) and
/// declares how it fails: every error answer is problem+json with the <c>Problem</c> schema, and the answers its shape
/// implies are there (401/403 when it needs a token, 404 for a path id, 400 for input, 503 always).
/// </summary>
public sealed class ApiOperationsDocumentedTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task EveryOperation_HasASummary()
    {
        var operations = await OperationsAsync();

        Assert.NotEmpty(operations);
        var missing = operations.Where(o => string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>())).Select(o => o.Name).ToList();
        Assert.True(missing.Count == 0, $"Operations without a summary (add .WithSummary(...) where the endpoint is mapped):\n{string.Join("\n", missing)}");

        // Two operations with the same summary would read as one in the reference.
        var repeated = operations.GroupBy(o => o.Operation["summary"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"\"{g.Key}\": {string.Join(", ", g.Select(o => o.Name))}").ToList();
        Assert.True(repeated.Count == 0, $"Summaries used twice:\n{string.Join("\n", repeated)}");
    }

    [Fact]
    public async Task EveryOperation_DeclaresItsProblemAnswers()
    {
        var operations = await OperationsAsync();

        Assert.All(operations, o =>
        {
            var responses = o.Operation["responses"]!.AsObject();
            var errors = responses.Where(r => r.Key[0] is '4' or '5').ToList();
            Assert.True(errors.Count > 0, $"{o.Name} declares no error answer");
            Assert.All(errors, r => Assert.True(
                r.Value!["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>() == "#/components/schemas/Problem",
                $"{o.Name} {r.Key} is not a problem+json Problem"));
            Assert.True(!string.IsNullOrWhiteSpace(responses.FirstOrDefault(r => r.Key[0] == '2').Value?["description"]?.GetValue<string>()), $"{o.Name} declares no success answer");

            var expected = new List<string> { "503" };
            if (o.Operation["security"]!.AsArray().Count > 0)
            {
                expected.AddRange(["401", "403"]);
            }

            var parameters = o.Operation["parameters"]?.AsArray() ?? [];
            if (parameters.Any(p => p!["in"]!.GetValue<string>() == "path"))
            {
                expected.Add("404");
            }

            if (parameters.Count > 0 || o.Operation["requestBody"] is not null)
            {
                expected.Add("400");
            }

            Assert.All(expected, status => Assert.True(responses.ContainsKey(status), $"{o.Name} does not declare {status}"));
        });
    }

    private async Task<List<(string Name, JsonNode Operation)>> OperationsAsync()
    {
        using var http = new HttpClient { BaseAddress = app.Host.BaseAddress };
        var document = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative)))!;
        return [.. document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(o => (Name: $"{o.Key.ToUpperInvariant()} {path.Key}", Operation: o.Value!)))];
    }
}
