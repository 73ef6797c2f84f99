using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Mindguard.Infrastructure.Metadata;

/// <summary>
/// An assembly's types as its metadata describes them, read without loading them.
/// </summary>
/// <remarks>
/// <see cref="Assembly.GetTypes"/> loads every type, and loading a struct loads the types of its fields.
/// Release builds make async state machines structs whose awaiter fields name the OpenAI and ScottPlot
/// types, so one scan of this assembly at start-up (endpoint discovery, the migrations check) kept those
/// libraries and some two thousand of our types in memory for the life of an idle replica; reading the
/// metadata instead saves about 5 MB (bench/README.md, start-up and idle memory).
/// </remarks>
public sealed class TypeIndex
{
    private readonly Assembly _assembly;
    private readonly List<Entry> _types;

    private TypeIndex(Assembly assembly, List<Entry> types) => (_assembly, _types) = (assembly, types);

    /// <param name="Name">As <see cref="Assembly.GetType(string)"/> takes it (nested types after a '+').</param>
    /// <param name="Concrete">Neither abstract (static classes are), an interface, nor an open generic.</param>
    /// <param name="AncestorNamespaces">Namespaces of the other assemblies' base classes and interfaces, through our own bases too.</param>
    /// <param name="Int64Attributes">Other assemblies' attributes whose constructor's first argument is a <c>long</c>, with that argument.</param>
    private sealed record Entry(string Name, bool Concrete, HashSet<string> AncestorNamespaces, List<(string Attribute, long Value)> Int64Attributes);

    public static TypeIndex Read(Assembly assembly)
    {
        using var file = File.OpenRead(assembly.Location);
        using var pe = new PEReader(file);
        var md = pe.GetMetadataReader();
        var handles = md.TypeDefinitions.ToList();
        var direct = handles.ToDictionary(h => h, h => DirectAncestors(md, md.GetTypeDefinition(h)));
        var types = handles.Select(h =>
        {
            var type = md.GetTypeDefinition(h);
            var concrete = (type.Attributes & (TypeAttributes.Abstract | TypeAttributes.Interface)) == 0 && type.GetGenericParameters().Count == 0;
            return new Entry(ReflectionName(md, h), concrete, Namespaces(h, direct, []), Int64Attributes(md, type));
        }).ToList();
        return new TypeIndex(assembly, types);
    }

    /// <summary>
    /// The concrete types with a base class or interface, direct or inherited, from <paramref name="namespace"/>
    /// (e.g. everything built on FastEndpoints' types), loaded.
    /// </summary>
    public List<Type> ConcreteTypesBuiltOn(string @namespace) =>
        _types.Where(t => t.Concrete && t.AncestorNamespaces.Contains(@namespace)).Select(t => _assembly.GetType(t.Name, throwOnError: true)!).ToList();

    /// <summary>The first argument of every use, on a type, of another assembly's attribute whose constructor starts with a <c>long</c> (e.g. a migration's version).</summary>
    public List<long> Int64AttributeValues(string attributeFullName) =>
        _types.SelectMany(t => t.Int64Attributes).Where(a => a.Attribute == attributeFullName).Select(a => a.Value).ToList();

    private static (HashSet<string> External, List<TypeDefinitionHandle> Own) DirectAncestors(MetadataReader md, TypeDefinition type)
    {
        var external = new HashSet<string>();
        var own = new List<TypeDefinitionHandle>();
        foreach (var handle in type.GetInterfaceImplementations().Select(i => md.GetInterfaceImplementation(i).Interface).Prepend(type.BaseType))
        {
            var definition = GenericDefinition(md, handle);
            if (definition.IsNil) continue; // <Module> and interfaces have no base class
            if (definition.Kind == HandleKind.TypeDefinition) own.Add((TypeDefinitionHandle)definition);
            else if (definition.Kind == HandleKind.TypeReference) external.Add(Namespace(md, (TypeReferenceHandle)definition));
        }
        return (external, own);
    }

    private static HashSet<string> Namespaces(TypeDefinitionHandle handle,
        Dictionary<TypeDefinitionHandle, (HashSet<string> External, List<TypeDefinitionHandle> Own)> direct, HashSet<TypeDefinitionHandle> seen)
    {
        var (external, own) = direct[handle];
        var all = new HashSet<string>(external);
        foreach (var ancestor in own.Where(seen.Add)) all.UnionWith(Namespaces(ancestor, direct, seen));
        return all;
    }

    /// <summary><c>Endpoint&lt;TRequest, TResponse&gt;</c> is a type specification; what it instantiates is the reference to follow.</summary>
    private static EntityHandle GenericDefinition(MetadataReader md, EntityHandle handle)
    {
        if (handle.IsNil || handle.Kind != HandleKind.TypeSpecification) return handle;
        var signature = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
        if (signature.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return default;
        signature.ReadSignatureTypeCode(); // class or value type
        return signature.ReadTypeHandle();
    }

    private static string Namespace(MetadataReader md, TypeReferenceHandle handle)
    {
        var reference = md.GetTypeReference(handle);
        // A nested type's namespace is its outermost type's.
        return reference.ResolutionScope.Kind == HandleKind.TypeReference
            ? Namespace(md, (TypeReferenceHandle)reference.ResolutionScope)
            : md.GetString(reference.Namespace);
    }

    private static string ReflectionName(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil) return ReflectionName(md, declaring) + "+" + md.GetString(type.Name);
        var ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? md.GetString(type.Name) : ns + "." + md.GetString(type.Name);
    }

    private static List<(string, long)> Int64Attributes(MetadataReader md, TypeDefinition type)
    {
        var found = new List<(string, long)>();
        foreach (var attribute in type.GetCustomAttributes().Select(md.GetCustomAttribute))
        {
            if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
            var constructor = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind != HandleKind.TypeReference) continue;
            var signature = md.GetBlobReader(constructor.Signature);
            signature.ReadSignatureHeader();
            if (signature.ReadCompressedInteger() == 0) continue;
            signature.ReadSignatureTypeCode(); // void
            if (signature.ReadSignatureTypeCode() != SignatureTypeCode.Int64) continue;
            var value = md.GetBlobReader(attribute.Value);
            value.ReadUInt16(); // the prolog, 0x0001
            var attributeType = md.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            found.Add(($"{md.GetString(attributeType.Namespace)}.{md.GetString(attributeType.Name)}", value.ReadInt64()));
        }
        return found;
    }
}
