using System.Globalization;

namespace Nat64Harness.Oracle;

/// <summary>The hop limits (or TTLs) a quoted packet may carry, <see cref="Min"/> to <see cref="Max"/> inclusive.</summary>
internal readonly record struct HopLimitRange(int Min, int Max)
{
    /// <summary>A range of one value.</summary>
    public static HopLimitRange Exactly(int value) => new(value, value);

    public bool Contains(int value) => value >= Min && value <= Max;

    public override string ToString() => Min == Max
        ? Min.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Min} to {Max}");
}
