using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Conversations;

/// <summary>
/// The chat's look in both directions, measured in the browser: the components' scoped styles (ADR 0050) reach their
/// elements, and logical properties put the same things at the inline start or end in English and Arabic.
/// </summary>
public sealed class ChatDirectionStyleTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    // Mine sits against the log's inline end, theirs against its inline start (left and right swap in Arabic); each in
    // its own colour from the scoped MessageBubble.razor.css, its text aligned to the start of its own direction.
    private const string Bubbles = """
        ([mineText, theirText]) => {
          const rtl = document.documentElement.dir === 'rtl';
          const row = text => [...document.querySelectorAll('.chat-timeline [data-testid=message]')].find(m => m.textContent.includes(text));
          const log = document.querySelector('[data-testid=message-log]').getBoundingClientRect();
          const mineRow = row(mineText), theirRow = row(theirText);
          if (!mineRow || !theirRow) return { ok: false, detail: 'messages not shown' };
          const mine = mineRow.querySelector('.bubble'), theirs = theirRow.querySelector('.bubble');
          const m = mine.getBoundingClientRect(), t = theirs.getBoundingClientRect();
          const startGap = r => rtl ? log.right - r.right : r.left - log.left;
          const endGap = r => rtl ? r.left - log.left : log.right - r.right;
          const detail = JSON.stringify({ rtl, log: [log.left, log.right], mine: [m.left, m.right], theirs: [t.left, t.right],
            mineBg: getComputedStyle(mine).backgroundColor, theirBg: getComputedStyle(theirs).backgroundColor,
            mineFlex: getComputedStyle(mineRow).flexDirection, align: getComputedStyle(mine.querySelector('.bubble-text')).textAlign });
          const ok = endGap(m) < 40 && startGap(m) > 100 && startGap(t) < 40 && endGap(t) > 100
            && getComputedStyle(mine).backgroundColor === 'rgb(220, 236, 255)' && getComputedStyle(theirs).backgroundColor === 'rgb(255, 255, 255)'
            && getComputedStyle(mineRow).flexDirection === 'row-reverse' && getComputedStyle(mine.querySelector('.bubble-text')).textAlign === 'start';
          return { ok, detail };
        }
        """;

    // On a phone the chat fills the screen under the app bar: the composer spans the width and sits on the bottom edge,
    // the log above it; the list is hidden and the header's back arrow shown (and turned round in Arabic).
    private const string Phone = """
        () => {
          const rtl = document.documentElement.dir === 'rtl';
          const composer = document.querySelector('.chat-timeline [data-testid=composer]') ?? document.querySelector('.chat-timeline .composer');
          const log = document.querySelector('[data-testid=message-log]');
          const back = document.querySelector('[data-testid=chat-back]');
          if (!composer || !log || !back) return { ok: false, detail: 'chat not shown' };
          const c = composer.getBoundingClientRect(), l = log.getBoundingClientRect(), b = back.getBoundingClientRect();
          const arrow = getComputedStyle(back.querySelector('.mud-icon-root')).transform;
          const list = document.querySelector('[data-testid=conversation-list]');
          const detail = JSON.stringify({ rtl, composer: [c.left, c.right, c.top, c.bottom], log: [l.top, l.bottom], back: [b.left, b.right],
            width: innerWidth, height: innerHeight, arrow, list: list ? getComputedStyle(list).display : null });
          const ok = Math.abs(c.bottom - innerHeight) <= 1 && c.left <= 1 && Math.abs(c.right - innerWidth) <= 1
            && Math.abs(l.bottom - c.top) <= 1 && l.height > 200
            && getComputedStyle(back).display !== 'none' && (rtl ? b.left > innerWidth / 2 : b.right < innerWidth / 2)
            && (rtl ? arrow === 'matrix(-1, 0, 0, 1, 0, 0)' : arrow === 'none')
            && list !== null && getComputedStyle(list).display === 'none';
          return { ok, detail };
        }
        """;

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Bubbles_BothDirections_MineAtInlineEndTheirsAtInlineStart(string culture)
    {
        using var api = app.Host.CreateApi();
        var show = await Showcase.SeedAsync(api, arabic: culture == "ar");
        var page = await browser.OpenAsync(app.Host, show.Sara.Id, culture: culture);
        await ChatPages.OpenListAsync(page, $"/conversations/{show.DirectId}");
        await ChatPages.WaitForChatAsync(page);

        var mineText = culture == "ar" ? "مرحبًا عمر" : "Hi Omar";
        await ExpectAsync(page, Bubbles, new[] { mineText, show.OmarText });
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task PhoneWidth_BothDirections_ComposerPinnedToTheBottom(string culture)
    {
        using var api = app.Host.CreateApi();
        var show = await Showcase.SeedAsync(api, arabic: culture == "ar");
        var page = await browser.OpenAsync(app.Host, show.Sara.Id, culture: culture, width: 390, height: 844);
        await ChatPages.OpenListAsync(page, $"/conversations/{show.DirectId}");
        await ChatPages.WaitForChatAsync(page);

        await ExpectAsync(page, Phone, null);
    }

    /// <summary>Waits until the measured layout is right (it settles after the first render), else fails with the numbers.</summary>
    private static async Task ExpectAsync(IPage page, string measure, object? arg)
    {
        try
        {
            await page.WaitForFunctionAsync($"arg => ({measure})(arg).ok", arg, new() { Timeout = 10_000 });
        }
        catch (PlaywrightException)
        {
            var result = await page.EvaluateAsync<Measured>(measure, arg);
            Assert.Fail("layout not as expected: " + result.Detail);
        }
    }

    private sealed record Measured(bool Ok, string Detail);
}
