using System.Text.RegularExpressions;
using System.Xml.Linq;
using Messaging.Core.Common;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Culture;

/// <summary>
/// Every key the UI asks a localizer for exists in its resx file, and every Core error code has its sentence, so a
/// renamed or mistyped key shows up here instead of as the bare key on a user's screen.
/// </summary>
public sealed partial class ResourceKeyTests
{
    private static readonly string Root = RepositoryRoot.Path;
    private static readonly string WebResources = Path.Combine(Root, "Messaging.Web", "Resources");

    [Fact]
    public void ErrorCodes_Every_HasASentenceInErrorsResx()
    {
        var keys = Keys(Path.Combine(WebResources, "Errors.resx"));

        var missing = Enum.GetNames<ErrorCode>().Where(code => !keys.Contains(code)).ToArray();

        Assert.True(missing.Length == 0, "Errors.resx lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void UsedKeys_EveryComponentAndClassInWeb_ExistInTheirResx()
    {
        var problems = new List<string>();
        var checkedKeys = 0;
        foreach (var group in SourceFiles().GroupBy(GroupOf))
        {
            var texts = group.Select(File.ReadAllText).ToArray();
            var localizers = texts.SelectMany(Localizers).DistinctBy(l => l.Variable).ToArray();
            foreach (var (variable, resourceType) in localizers)
            {
                var resx = ResxFor(resourceType);
                if (resx is null)
                {
                    problems.Add($"{group.Key}: no resx for IStringLocalizer<{resourceType}>");
                    continue;
                }

                var keys = Keys(resx);
                var pattern = $@"(?<![\w.]){Regex.Escape(variable)}\[""(?<key>[^""]+)""(?<rest>\s*[\]+,])";
                var uses = texts.SelectMany(t => Regex.Matches(t, pattern)).ToArray();
                problems.AddRange(uses.Where(m => m.Groups["rest"].Value.Trim() == "+")
                    .Select(m => $"{group.Key}: {variable}[\"{m.Groups["key"].Value}\" + ...] builds its key at run time; name each key"));
                problems.AddRange(texts.SelectMany(t => Regex.Matches(t, $@"(?<![\w.]){Regex.Escape(variable)}\[\$""[^""]*""")).Select(m =>
                    $"{group.Key}: {m.Value}...] interpolates its key at run time; name each key"));
                var used = uses.Where(m => m.Groups["rest"].Value.Trim() != "+").Select(m => m.Groups["key"].Value);
                foreach (var key in used.Distinct(StringComparer.Ordinal))
                {
                    checkedKeys++;
                    if (!keys.Contains(key))
                    {
                        problems.Add($"{group.Key}: {variable}[\"{key}\"] is not in {Path.GetFileName(resx)}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(checkedKeys > 200, $"only {checkedKeys} keys found: the scan lost its way");
    }

    [Fact]
    public void Localizers_RazorAndClassDeclarations_AreRecognised()
    {
        var found = Localizers("""
            @inject IStringLocalizer<Resources.Conversations> T
            [Inject] private IStringLocalizer<Errors> E { get; set; } = default!;
            internal sealed class Filter(IStringLocalizer<Errors> text) : IHubFilter
            """).ToArray();

        Assert.Equal([("T", "Resources.Conversations"), ("E", "Errors"), ("text", "Errors")], found);
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "Messaging.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    // A component and its code-behind parts (ChatPane.razor, ChatPane.razor.cs, ChatPane.Compose.cs) share injections.
    private static string GroupOf(string file) =>
        Path.GetRelativePath(Root, Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileName(file).Split('.')[0]));

    private static IEnumerable<(string Variable, string ResourceType)> Localizers(string text) =>
        LocalizerDeclaration().Matches(text).Select(m => (m.Groups["name"].Value, m.Groups["type"].Value));

    private static string? ResxFor(string resourceType)
    {
        var name = resourceType.Split('.')[^1];
        foreach (var candidate in new[] { name, name.EndsWith("Text", StringComparison.Ordinal) ? name[..^4] : name })
        {
            var path = Path.Combine(WebResources, candidate + ".resx");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static HashSet<string> Keys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"IStringLocalizer<(?<type>[\w.]+)>\s+(?<name>\w+)")]
    private static partial Regex LocalizerDeclaration();
}
