using Messaging.Core.Moderation.Reports;

namespace Messaging.Web.Features.Moderation;

/// <summary>Reports.resx keys for the reasons and decisions, written out so that the resource key test sees each one.</summary>
internal static class ReportKeys
{
    public static string Reason(ReportReason reason) => reason switch
    {
        ReportReason.Spam => "Reason_spam",
        ReportReason.Harassment => "Reason_harassment",
        ReportReason.Impersonation => "Reason_impersonation",
        ReportReason.ConfidentialLeak => "Reason_confidential_leak",
        _ => "Reason_other",
    };

    public static string Decision(ReportAction action) => action switch
    {
        ReportAction.DeleteMessage => "Decision_delete_message",
        ReportAction.SuspendUser => "Decision_suspend_user",
        _ => "Decision_dismiss",
    };
}
