namespace Messaging.Core.Conversations;

/// <summary>The durations offered for muting a conversation; the API also accepts any future time.</summary>
public enum MutePreset
{
    OneHour,
    EightHours,
    OneDay,
    OneWeek,
    Forever,
}

public static class MutePresets
{
    public static readonly IReadOnlyList<MutePreset> All = [MutePreset.OneHour, MutePreset.EightHours, MutePreset.OneDay, MutePreset.OneWeek, MutePreset.Forever];

    /// <summary>How long the preset mutes for; null for "until unmuted".</summary>
    public static TimeSpan? Duration(MutePreset preset) => preset switch
    {
        MutePreset.OneHour => TimeSpan.FromHours(1),
        MutePreset.EightHours => TimeSpan.FromHours(8),
        MutePreset.OneDay => TimeSpan.FromDays(1),
        MutePreset.OneWeek => TimeSpan.FromDays(7),
        MutePreset.Forever => null,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, null),
    };

    /// <summary>When a mute chosen at <paramref name="now"/> ends; null for "until unmuted".</summary>
    public static DateTime? Until(MutePreset preset, DateTime now) => Duration(preset) is { } duration ? now + duration : null;
}
