using System.Reflection;
using System.Reflection.Emit;
using TorchSharp;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;

/// <summary>
/// Finds, by reading IL, the places where code hands LibTorch a <see cref="Scalar"/> that nothing keeps alive: a
/// TorchSharp method "creates a temporary Scalar" when its body (or a TorchSharp method it calls, transitively, or a
/// delegate it builds) constructs a <see cref="Scalar"/> — the implicit conversions from numbers, <c>ToScalar</c>, and
/// overloads such as <c>Tensor.add(Tensor)</c> that pass a literal alpha. Such a Scalar is unreachable as soon as its
/// handle is read, so a collection on any thread during the native call lets its finalizer free it mid-call. Modules
/// and optimizers are followed into the <c>forward</c> and <c>step</c> methods of every TorchSharp type the scanned
/// code obtains, since those are reached by virtual calls. An explicit <c>ToScalar()</c> counts as held where the method
/// also disposes a Scalar or is a constructor (see <see cref="IsHeldExplicitly"/>).
/// </summary>
internal static class ImplicitScalarScan
{
    private static readonly OpCode[] OneByte = new OpCode[0x100];
    private static readonly OpCode[] TwoByte = new OpCode[0x100];
    private static readonly Dictionary<MethodBase, bool> Memo = [];
    private static readonly Lock Gate = new();

    static ImplicitScalarScan()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)field.GetValue(null)!;
            ushort value = (ushort)op.Value;
            if (value < 0x100)
            {
                OneByte[value] = op;
            }
            else if ((value & 0xff00) == 0xfe00)
            {
                TwoByte[value & 0xff] = op;
            }
        }
    }

    /// <summary>
    /// Every call in the methods of <paramref name="types"/> (and their nested compiler-generated types) that creates a
    /// temporary Scalar, as "Type.Method → TorchSharp member", excluding methods of <paramref name="allowed"/>.
    /// </summary>
    public static IReadOnlyList<string> Find(IEnumerable<Type> types, params Type[] allowed)
    {
        lock (Gate)
        {
            var findings = new SortedSet<string>(StringComparer.Ordinal);
            var obtained = new HashSet<Type>();
            var scanned = types.SelectMany(WithNested).Where(t => !allowed.Any(a => WithNested(a).Contains(t))).ToList();
            foreach (var type in scanned)
            {
                foreach (var method in DeclaredMethods(type))
                {
                    foreach (var callee in Callees(method))
                    {
                        if (!IsTorchSharp(callee))
                        {
                            continue;
                        }

                        if ((callee as MethodInfo)?.ReturnType is Type returned && IsTorchSharp(returned))
                        {
                            obtained.Add(returned);
                        }

                        if (callee is ConstructorInfo && callee.DeclaringType is Type constructed)
                        {
                            obtained.Add(constructed);
                        }

                        if (CreatesScalar(callee) && !IsHeldExplicitly(method, callee))
                        {
                            findings.Add($"{type.FullName}.{method.Name} → {callee.DeclaringType?.Name}.{callee}");
                        }
                    }
                }
            }

            foreach (var type in obtained)
            {
                for (var t = type; t is not null && IsTorchSharp(t); t = t.BaseType)
                {
                    foreach (var method in DeclaredMethods(t).Where(m => m.Name is "forward" or "step"))
                    {
                        if (CreatesScalar(method))
                        {
                            findings.Add($"(virtual) {t.Name}.{method.Name}");
                        }
                    }
                }
            }

            return [.. findings];
        }
    }

    /// <summary>Whether <paramref name="method"/> (a TorchSharp method) constructs a Scalar, itself or through what it calls.</summary>
    public static bool CreatesScalar(MethodBase method)
    {
        if (method is ConstructorInfo && method.DeclaringType == typeof(Scalar))
        {
            return true;
        }

        if (!IsTorchSharp(method))
        {
            return false;
        }

        if (Memo.TryGetValue(method, out bool known))
        {
            return known;
        }

        Memo[method] = false;   // a cycle counts as "not through this path"
        bool creates = Callees(method).Any(CreatesScalar);
        Memo[method] = creates;
        return creates;
    }

    /// <summary>
    /// An explicit <c>ToScalar()</c> is the caller's own object: fine in a constructor (kept in a field) or in a method
    /// that disposes a Scalar (a <c>using</c>, which keeps it reachable until the call has returned).
    /// </summary>
    private static bool IsHeldExplicitly(MethodBase method, MethodBase callee) =>
        callee.DeclaringType == typeof(ScalarExtensionMethods)
        && (method is ConstructorInfo || Callees(method).Any(c => c.Name == nameof(IDisposable.Dispose) && (c.DeclaringType == typeof(Scalar) || c.DeclaringType == typeof(IDisposable))));

    private static bool IsTorchSharp(MemberInfo member) =>
        (member as Type ?? member.DeclaringType)?.Assembly == typeof(Scalar).Assembly;

    private static IEnumerable<Type> WithNested(Type type) =>
        new[] { type }.Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(WithNested));

    private static IEnumerable<MethodBase> DeclaredMethods(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
    }

    /// <summary>The methods that <paramref name="method"/>'s IL calls, constructs or takes a pointer to.</summary>
    private static List<MethodBase> Callees(MethodBase method)
    {
        var result = new List<MethodBase>();
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or BadImageFormatException)
        {
            return result;
        }

        if (il is null)
        {
            return result;
        }

        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method is MethodInfo { IsGenericMethod: true } m ? m.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            OpCode op = il[i] == 0xfe ? TwoByte[il[++i]] : OneByte[il[i]];
            i++;
            if (op.OperandType == OperandType.InlineMethod)
            {
                int token = BitConverter.ToInt32(il, i);
                try
                {
                    if (method.Module.ResolveMethod(token, typeArgs, methodArgs) is MethodBase callee)
                    {
                        result.Add(callee);
                    }
                }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or MissingMethodException)
                {
                    // An unresolvable reference (an open generic context): nothing to follow.
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

        return result;
    }
}
