using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Conversations;

/// <summary>A small realistic set of conversations for journeys and screenshots: a direct chat, a group and a sensitive chat.</summary>
internal static class Showcase
{
    public static async Task<Data> SeedAsync(ApiClient api, bool arabic)
    {
        var sara = await VerifiedAsync(api, arabic ? "سارة حداد" : "Sara Haddad", "sara");
        var omar = await VerifiedAsync(api, arabic ? "عمر خليل" : "Omar Khalil", "omar");
        var lina = await VerifiedAsync(api, arabic ? "لينا منصور" : "Lina Mansour", "lina");

        var sensitiveTitle = arabic ? "حالة المريض ٤٢" : "Patient case 42";
        var sensitiveText = arabic ? "نتائج التحليل مرفقة" : "Lab results are attached";
        var sensitive = await api.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/v1/messaging/conversations", sara,
            new { conversation_type = "group", participant_ids = new[] { omar.Id, lina.Id }, title = sensitiveTitle, is_encrypted = true });
        var sensitiveId = sensitive!["id"]!.GetValue<string>();
        await api.SendMessageAsync(lina, sensitiveId, sensitiveText);

        var groupId = await api.CreateGroupAsync(sara, arabic ? "فريق القلب" : "Cardiology team", omar, lina);
        await api.SendMessageAsync(lina, groupId, arabic ? "صباح الخير، الاجتماع في العاشرة." : "Good morning, the meeting is at 10.");
        await api.SendMessageAsync(omar, groupId, arabic ? "سأحضر الملفات." : "I will bring the files.");
        await api.SendMessageAsync(sara, groupId, "Thanks both 👍");

        var directId = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, directId, arabic ? "مرحبًا عمر، هل راجعت التقرير؟" : "Hi Omar, did you review the report?");
        var omarText = arabic ? "نعم، يبدو جيدًا. سأرسل ملاحظاتي اليوم." : "Yes, it looks good. I'll send my notes today.";
        await api.SendMessageAsync(omar, directId, omarText);

        return new Data(sara, omar, lina, Guid.Parse(directId), Guid.Parse(groupId), sensitiveTitle, sensitiveText, omarText);
    }

    // Arabic names need an explicit ASCII e-mail address.
    private static async Task<TestUser> VerifiedAsync(ApiClient api, string name, string handle)
    {
        var user = await api.RegisterAsync(name, $"{handle}.{Guid.NewGuid():N}@tests.local");
        var admin = await api.LoginAdminAsync();
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{user.Id}/verify", admin);
        return user;
    }

    public sealed record Data(
        TestUser Sara, TestUser Omar, TestUser Lina, Guid DirectId, Guid GroupId, string SensitiveTitle, string SensitiveText, string OmarText);
}
