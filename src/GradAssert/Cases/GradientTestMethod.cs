using System.Reflection;

namespace GradAssert.Cases;

/// <summary>
/// One test of a <c>[GradientCheck]</c> method: the method itself, or, for a generic method, the method closed over one
/// of the type arguments the attribute gives (<c>[GradientCheck(typeof(float), typeof(double))]</c> makes two tests,
/// <c>Dense_backward&lt;float&gt;</c> and <c>Dense_backward&lt;double&gt;</c>). Every adapter checks signatures and
/// calls test methods through this class, so all frameworks accept and refuse the same methods with the same words.
/// </summary>
public sealed class GradientTestMethod
{
    private static readonly Type[] AllowedTypeArguments = [typeof(float), typeof(double)];

    private GradientTestMethod(MethodInfo declared, MethodInfo method, Type? typeArgument)
    {
        Declared = declared;
        Method = method;
        TypeArgument = typeArgument;
        Name = typeArgument is null ? declared.Name : $"{declared.Name}<{TypeName(typeArgument)}>";
    }

    /// <summary>The method as declared (a generic method definition for a generic test).</summary>
    public MethodInfo Declared { get; }

    /// <summary>The method to call: <see cref="Declared"/>, closed over <see cref="TypeArgument"/> for a generic test.</summary>
    public MethodInfo Method { get; }

    /// <summary>The type argument of a generic test (<see cref="float"/> or <see cref="double"/>), or null.</summary>
    public Type? TypeArgument { get; }

    /// <summary>The test's name within its class: the method's name, with the type argument for a generic test (<c>Dense_backward&lt;float&gt;</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// Why <paramref name="method"/> with <paramref name="typeArguments"/> from the attribute cannot be a
    /// <c>[GradientCheck]</c> test, or null when it can. It fits when it returns <see langword="void"/>,
    /// <see cref="Task"/> or <see cref="ValueTask"/>, takes exactly one parameter of type <see cref="GradientCase"/>,
    /// and is either non-generic with no type arguments on the attribute, or has exactly one type parameter with at
    /// least one type argument, each <see cref="float"/> or <see cref="double"/>.
    /// </summary>
    /// <param name="method">The attributed method.</param>
    /// <param name="typeArguments">The type arguments on the attribute; empty for a non-generic method.</param>
    public static string? SignatureProblem(MethodInfo method, IReadOnlyList<Type>? typeArguments)
    {
        ArgumentNullException.ThrowIfNull(method);
        typeArguments ??= [];
        string? reason = Reason(method, typeArguments);
        return reason is null
            ? null
            : $"[GradientCheck] needs a method that returns void, Task or ValueTask and takes one GradientCase, such as "
              + "'public void Dense_backward_matches(GradientCase c)'; a generic one has one type parameter and gets float "
              + "and/or double on the attribute, such as '[GradientCheck(typeof(float), typeof(double))] public void "
              + $"Dense_backward<T>(GradientCase c)'. {method.Name} does not fit: {reason}.";
    }

    /// <summary>The tests of <paramref name="method"/>: one, or one per type argument of a generic method, in the attribute's order.</summary>
    /// <param name="method">The attributed method.</param>
    /// <param name="typeArguments">The type arguments on the attribute; empty for a non-generic method.</param>
    /// <exception cref="ArgumentException">The method does not fit (see <see cref="SignatureProblem"/>).</exception>
    public static IReadOnlyList<GradientTestMethod> For(MethodInfo method, IReadOnlyList<Type>? typeArguments)
    {
        ArgumentNullException.ThrowIfNull(method);
        typeArguments ??= [];
        if (SignatureProblem(method, typeArguments) is { } problem)
        {
            throw new ArgumentException(problem, nameof(method));
        }

        return method.IsGenericMethodDefinition
            ? [.. typeArguments.Distinct().Select(t => new GradientTestMethod(method, method.MakeGenericMethod(t), t))]
            : [new GradientTestMethod(method, method, null)];
    }

    /// <summary>The one test of <paramref name="method"/> for <paramref name="typeArgument"/> (null for a non-generic method), as an adapter that keeps the type argument per test finds it again.</summary>
    /// <param name="method">The attributed method.</param>
    /// <param name="typeArgument">One type argument of a generic method, or null.</param>
    /// <exception cref="ArgumentException">The method does not fit (see <see cref="SignatureProblem"/>).</exception>
    public static GradientTestMethod For(MethodInfo method, Type? typeArgument) =>
        For(method, typeArgument is null ? [] : [typeArgument])[0];

    /// <summary>The test's full name, <c>Namespace.Class.Name</c>: the default seed comes from it, and the failure message shows it.</summary>
    /// <param name="testClass">The class the test runs in (a derived class for an inherited method).</param>
    public string FullName(Type testClass)
    {
        ArgumentNullException.ThrowIfNull(testClass);
        return $"{testClass.FullName}.{Name}";
    }

    /// <summary>
    /// Calls the method for one case and returns what it awaits: a <see cref="Task"/> or <see cref="ValueTask"/> it
    /// returned, or a completed task for a <see langword="void"/> method. Its exceptions are not wrapped.
    /// </summary>
    /// <param name="instance">The test class instance, or null for a static method.</param>
    /// <param name="case">The case to pass.</param>
    public Task InvokeAsync(object? instance, GradientCase @case) =>
        Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, [@case], culture: null) switch
        {
            Task task => task,
            ValueTask valueTask => valueTask.AsTask(),
            _ => Task.CompletedTask,
        };

    /// <inheritdoc />
    public override string ToString() => Name;

    private static string TypeName(Type type) => type == typeof(float) ? "float" : type == typeof(double) ? "double" : type.Name;

    private static string? Reason(MethodInfo method, IReadOnlyList<Type> typeArguments)
    {
        var parameters = method.GetParameters();
        if (parameters.Length != 1 || parameters[0].ParameterType != typeof(GradientCase))
        {
            string list = string.Join(", ", parameters.Select(p => $"{TypeName(p.ParameterType)} {p.Name}"));
            return $"it takes ({list})";
        }

        if (method.ReturnType != typeof(void) && method.ReturnType != typeof(Task) && method.ReturnType != typeof(ValueTask))
        {
            return $"it returns {method.ReturnType.Name}";
        }

        if (!method.IsGenericMethodDefinition)
        {
            return method.ContainsGenericParameters
                ? "it belongs to an open generic class"
                : typeArguments.Count > 0 ? "the attribute gives type arguments, but the method is not generic" : null;
        }

        int typeParameters = method.GetGenericArguments().Length;
        if (typeParameters != 1)
        {
            return $"it has {typeParameters} type parameters";
        }

        if (typeArguments.Count == 0)
        {
            return "it is generic, but the attribute gives no type arguments";
        }

        if (typeArguments.FirstOrDefault(t => !AllowedTypeArguments.Contains(t)) is { } other)
        {
            return $"typeof({other?.Name ?? "null"}) is not float or double";
        }

        try
        {
            foreach (var type in typeArguments)
            {
                method.MakeGenericMethod(type);
            }
        }
        catch (ArgumentException error)
        {
            return $"its constraints refuse the type arguments ({error.Message.TrimEnd('.')})";
        }

        return null;
    }
}
