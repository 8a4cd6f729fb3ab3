using System.Text.RegularExpressions;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Conversations;

/// <summary>
/// The global stylesheets (wwwroot/css and wwwroot/app.css) hold only what no single component owns (ADR 0050, ADR 0052):
/// a class that one component alone uses belongs in that component's scoped .razor.css, where it cannot leak into other
/// screens.
/// </summary>
public sealed partial class ChatStylesheetTests
{
    // Styled globally on purpose, although (at most) one .razor file names them; each with its reason.
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        ["quick-reaction"] = "MudMenu renders its items in a popover at the end of the page, outside MessageBubble's scope",
        ["flip-rtl"] = "a utility for any icon button that points along the reading direction",
    };

    private static string WebRoot => Path.Combine(RepositoryRoot.Path, "Messaging.Web");

    /// <summary>The feature stylesheets linked by App.razor (chat.css, attachments.css, ...).</summary>
    private static IEnumerable<string> FeatureSheets => Directory.EnumerateFiles(Path.Combine(WebRoot, "wwwroot", "css"), "*.css");

    /// <summary>The shell's stylesheet: utilities, element rules, the app bar's MudBlazor markup and shared looks only.</summary>
    private static string AppSheet => Path.Combine(WebRoot, "wwwroot", "app.css");

    /// <summary>Every global sheet: the feature ones and app.css, held to the same rule.</summary>
    private static IEnumerable<string> GlobalSheets => FeatureSheets.Append(AppSheet);

    private static IEnumerable<string> ScopedSheets => Directory.EnumerateFiles(WebRoot, "*.razor.css", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void GlobalStylesheets_StyleOnlySharedClasses()
    {
        var razor = Directory.EnumerateFiles(WebRoot, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(WebRoot, f), MarkupClasses, StringComparer.Ordinal);

        var owned = GlobalSheets
            .SelectMany(sheet => ClassesIn(File.ReadAllText(sheet)).Select(c => (Sheet: Path.GetFileName(sheet), Class: c)))
            .Where(c => !Exceptions.ContainsKey(c.Class) && !c.Class.StartsWith("mud-", StringComparison.Ordinal))
            .Select(c => (c.Sheet, c.Class, Users: razor.Where(r => r.Value.Contains(c.Class)).Select(r => r.Key).ToList()))
            .Where(c => c.Users.Count < 2)
            .Select(c => $"{c.Sheet}: .{c.Class} (used by {(c.Users.Count == 0 ? "no component" : c.Users[0])})")
            .ToList();

        Assert.True(owned.Count == 0,
            "global stylesheets style classes that one component owns; move them to its .razor.css: " + string.Join(", ", owned));
    }

    [Fact]
    public void ScopedCss_StartsFromTheComponentsOwnClasses()
    {
        var global = GlobalSheets.SelectMany(sheet => ClassesIn(File.ReadAllText(sheet))).ToHashSet(StringComparer.Ordinal);
        var scoped = ScopedSheets
            .SelectMany(f => ClassesIn(File.ReadAllText(f), firstOnly: true).Select(c => (Class: c, File: Path.GetFileName(f))))
            .Where(c => global.Contains(c.Class))
            .Select(c => $".{c.Class} ({c.File})")
            .ToList();

        // A scoped selector starts from the component's own element; it may refine a shared class inside it
        // (.invite-row .dialog-hint), but a shared class restyled at the top would compete with the global sheet.
        Assert.True(scoped.Count == 0, "scoped selectors that start from a class a global sheet styles: " + string.Join(", ", scoped));
    }

    [Fact]
    public void ScopedAndGlobalCss_UseNoPhysicalDirections()
    {
        var files = ScopedSheets.Concat(GlobalSheets);
        var physical = files
            .SelectMany(f => PhysicalDirection().Matches(Comment().Replace(File.ReadAllText(f), "")).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .ToList();

        // margin-left, padding-right, left: 0, text-align: right, float: left... would not mirror in Arabic.
        Assert.True(physical.Count == 0, "physical directions (use logical properties): " + string.Join("; ", physical));
    }

    [Fact]
    public void GlobalStylesheets_AreExactlyTheOnesTheAppLinks()
    {
        var app = File.ReadAllText(Path.Combine(WebRoot, "Components", "App.razor"));
        var linked = LinkedSheet().Matches(app).Select(m => m.Groups["path"].Value).Order(StringComparer.Ordinal).ToList();
        var present = FeatureSheets.Select(f => "css/" + Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

        // A sheet moved into components and deleted must lose its <link> too (it would answer 404), and a new one must be linked.
        Assert.Equal(present, linked);
    }

    /// <summary>The classes the selectors name (with <paramref name="firstOnly"/>, only each selector's first class).</summary>
    private static HashSet<string> ClassesIn(string css, bool firstOnly = false)
    {
        var withoutComments = Comment().Replace(css, "");
        var classes = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match block in SelectorBlock().Matches(withoutComments))
        {
            foreach (var selector in block.Groups["selector"].Value.Split(','))
            {
                foreach (var name in ClassSelector().Matches(selector).Take(firstOnly ? 1 : int.MaxValue))
                {
                    classes.Add(name.Groups["name"].Value);
                }
            }
        }

        return classes;
    }

    private static HashSet<string> MarkupClasses(string file)
    {
        var classes = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match attribute in ClassAttribute().Matches(File.ReadAllText(file)))
        {
            // Literal class names, also inside @(condition ? "a b" : "c") expressions.
            foreach (Match word in ClassWord().Matches(attribute.Groups["value"].Value))
            {
                classes.Add(word.Value);
            }
        }

        return classes;
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"(?<selector>[^{}]+)\{")]
    private static partial Regex SelectorBlock();

    [GeneratedRegex(@"\.(?<name>-?[_a-zA-Z][_a-zA-Z0-9-]*)")]
    private static partial Regex ClassSelector();

    [GeneratedRegex(@"\b[Cc]lass=""(?<value>(?:[^""@]|@\((?:[^()]|\([^()]*\))*\))*)""")]
    private static partial Regex ClassAttribute();

    [GeneratedRegex(@"(?<![\w-])[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?![\w-])")]
    private static partial Regex ClassWord();

    [GeneratedRegex(@"@Assets\[""(?<path>css/[^""]+\.css)""\]")]
    private static partial Regex LinkedSheet();

    [GeneratedRegex(@"(?<![\w-])(?:(?:margin|padding|border)-(?:left|right)[\w-]*\s*:|(?:left|right)\s*:\s*[^;}]*|(?:text-align|float|clear)\s*:\s*(?:left|right)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PhysicalDirection();
}
