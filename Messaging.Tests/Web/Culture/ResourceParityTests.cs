using System.Text.RegularExpressions;
using System.Xml.Linq;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Culture;

/// <summary>
/// Every neutral X.resx (English) has an X.ar.resx with the same keys, no empty values, the same {n} placeholders, and a
/// translator comment on every entry. Covers all resx files in the repository, so new feature areas are checked too.
/// </summary>
public sealed partial class ResourceParityTests
{
    public static TheoryData<string> NeutralFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in NeutralResx(RepositoryRoot.Path))
        {
            data.Add(Path.GetRelativePath(RepositoryRoot.Path, file));
        }

        return data;
    }

    [Fact]
    public void NeutralFiles_Repository_FindsTheKnownAreas()
    {
        var names = NeutralResx(RepositoryRoot.Path).Select(Path.GetFileName).ToArray();

        Assert.Contains("Shell.resx", names);
        Assert.Contains("Errors.resx", names);
        Assert.Contains("Account.resx", names);
        Assert.Contains("Activity.resx", names);
    }

    [Fact]
    public void NeutralFiles_Repository_CoversCoreResourcesToo()
    {
        var core = NeutralResx(RepositoryRoot.Path)
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f.StartsWith("Messaging.Core/Resources/", StringComparison.Ordinal))
            .ToArray();

        Assert.Contains("Messaging.Core/Resources/NotificationsText.resx", core);
    }

    [Theory]
    [MemberData(nameof(NeutralFiles))]
    public void Resx_NeutralAndArabic_MatchInKeysValuesPlaceholdersAndComments(string relativePath)
    {
        var problems = Compare(Path.Combine(RepositoryRoot.Path, relativePath));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Compare_BrokenPair_ReportsEveryKindOfProblem()
    {
        var folder = Directory.CreateTempSubdirectory("resx-parity-").FullName;
        try
        {
            var neutral = Path.Combine(folder, "Sample.resx");
            File.WriteAllText(neutral, Resx(("Missing", "Hello", "c"), ("Empty", "Text", "c"), ("Args", "{0} and {1}", "c"), ("NoComment", "x", "")));
            File.WriteAllText(Path.Combine(folder, "Sample.ar.resx"), Resx(("Empty", " ", "c"), ("Args", "{0}", "c"), ("NoComment", "س", "c"), ("Extra", "ص", "c")));

            var problems = Compare(neutral);

            Assert.Contains(problems, p => p.Contains("missing key Missing", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("Empty: empty value", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("Args: placeholders differ", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("NoComment: no translator comment", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("Extra is not in", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> Compare(string neutralPath)
    {
        var problems = new List<string>();
        var arabicPath = neutralPath[..^".resx".Length] + ".ar.resx";
        var name = Path.GetFileName(neutralPath);
        if (!File.Exists(arabicPath))
        {
            return [$"{name}: no Arabic file {Path.GetFileName(arabicPath)}"];
        }

        var en = Entries(neutralPath);
        var ar = Entries(arabicPath);
        problems.AddRange(en.Keys.Except(ar.Keys).Select(k => $"{name}: Arabic file is missing key {k}"));
        problems.AddRange(ar.Keys.Except(en.Keys).Select(k => $"{name}: Arabic key {k} is not in the neutral file"));
        foreach (var key in en.Keys.Intersect(ar.Keys))
        {
            if (string.IsNullOrWhiteSpace(en[key].Value) || string.IsNullOrWhiteSpace(ar[key].Value))
            {
                problems.Add($"{name}/{key}: empty value");
            }
            else if (!Placeholders(en[key].Value).SequenceEqual(Placeholders(ar[key].Value)))
            {
                problems.Add($"{name}/{key}: placeholders differ ({string.Join(",", Placeholders(en[key].Value))} vs {string.Join(",", Placeholders(ar[key].Value))})");
            }

            if (string.IsNullOrWhiteSpace(en[key].Comment) || string.IsNullOrWhiteSpace(ar[key].Comment))
            {
                problems.Add($"{name}/{key}: no translator comment");
            }
        }

        return problems;
    }

    private static Dictionary<string, (string Value, string Comment)> Entries(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .Where(d => d.Attribute("type") is null && d.Attribute("mimetype") is null)
            .ToDictionary(d => d.Attribute("name")!.Value, d => (d.Element("value")?.Value ?? "", d.Element("comment")?.Value ?? ""));

    private static string[] Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static IEnumerable<string> NeutralResx(string root) =>
        Directory.EnumerateFiles(root, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" or ".git"))
            .Where(f => !CultureSuffix().IsMatch(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal);

    private static string Resx(params (string Key, string Value, string Comment)[] entries) =>
        new XDocument(new XElement("root", entries.Select(e =>
            new XElement("data", new XAttribute("name", e.Key), new XElement("value", e.Value), new XElement("comment", e.Comment))))).ToString();

    [GeneratedRegex(@"\{\d+[^}]*\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\.[a-z]{2}(-[A-Za-z]+)?\.resx$")]
    private static partial Regex CultureSuffix();
}
