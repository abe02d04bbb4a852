using System.Reflection;
using System.Reflection.Emit;

namespace Nat64Harness.Tests.Support;

/// <summary>The types whose members a type's method bodies use (its nested types too: lambdas, async state machines).</summary>
internal static class IlReferences
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every type declaring a method, field or constructor that <paramref name="type"/>'s code calls or reads.</summary>
    public static IEnumerable<Type> Of(Type type)
    {
        var seen = new HashSet<Type>();
        foreach (var t in new[] { type }.Concat(Nested(type)))
        {
            foreach (var method in t.GetMethods(Everything).Cast<MethodBase>().Concat(t.GetConstructors(Everything)))
            {
                foreach (var declaring in Operands(method))
                {
                    if (seen.Add(declaring))
                    {
                        yield return declaring;
                    }
                }
            }
        }
    }

    private static IEnumerable<Type> Nested(Type type) =>
        type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(n => new[] { n }.Concat(Nested(n)));

    private static IEnumerable<Type> Operands(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE && i + 1 < il.Length ? (short)(0xFE00 | il[++i]) : il[i];
            i++;
            if (!OpCodesByValue.TryGetValue(value, out var op))
            {
                yield break;
            }

            // Calls and field accesses only: a typeof() names a type without using it.
            if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField)
            {
                var token = BitConverter.ToInt32(il, i);
                if (Resolve(method, token) is { } declaring)
                {
                    yield return declaring;
                }
            }

            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }

    private static Type? Resolve(MethodBase method, int token)
    {
        try
        {
            var member = method.Module.ResolveMember(token, method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
            return member as Type ?? member?.DeclaringType;
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
        {
            return null;
        }
    }
}
