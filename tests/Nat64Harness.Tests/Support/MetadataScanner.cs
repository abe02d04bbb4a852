using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Nat64Harness.Tests.Support;

/// <summary>Reads one assembly's metadata and reports, per type definition, every namespace it refers to and why.</summary>
internal sealed class MetadataScanner(PEReader pe, Action<string, string, string> report)
{
    // Operand sizes of every IL opcode, from the runtime's own opcode table.
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields()
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader _md = pe.GetMetadataReader();

    public void ScanAll()
    {
        var provider = new NamespaceProvider(this);
        foreach (var handle in _md.TypeDefinitions)
        {
            var type = _md.GetTypeDefinition(handle);
            var owner = NamespaceOf(handle);
            var name = FullName(handle);
            void Refer(IEnumerable<string> namespaces, string why)
            {
                foreach (var ns in namespaces)
                {
                    report(owner, ns, $"{name}: {why}");
                }
            }

            Refer(Resolve(type.BaseType), "base type");
            foreach (var i in type.GetInterfaceImplementations())
            {
                Refer(Resolve(_md.GetInterfaceImplementation(i).Interface), "interface");
            }

            foreach (var p in type.GetGenericParameters())
            {
                foreach (var c in _md.GetGenericParameter(p).GetConstraints())
                {
                    Refer(Resolve(_md.GetGenericParameterConstraint(c).Type), "generic constraint");
                }
            }

            Refer(Attributes(type.GetCustomAttributes()), "attribute");
            foreach (var f in type.GetFields())
            {
                var field = _md.GetFieldDefinition(f);
                Refer(field.DecodeSignature(provider, null), $"field {_md.GetString(field.Name)}");
                Refer(Attributes(field.GetCustomAttributes()), $"attribute of field {_md.GetString(field.Name)}");
            }

            foreach (var p in type.GetProperties())
            {
                var property = _md.GetPropertyDefinition(p);
                var signature = property.DecodeSignature(provider, null);
                Refer(signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(t => t)), $"property {_md.GetString(property.Name)}");
            }

            foreach (var e in type.GetEvents())
            {
                Refer(Resolve(_md.GetEventDefinition(e).Type), "event");
            }

            foreach (var m in type.GetMethods())
            {
                ScanMethod(m, provider, Refer);
            }
        }
    }

    /// <summary>Namespaces named by a type, member or signature token.</summary>
    internal IEnumerable<string> Resolve(EntityHandle handle)
    {
        var provider = new NamespaceProvider(this);
        if (handle.IsNil)
        {
            return [];
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return [NamespaceOf((TypeDefinitionHandle)handle)];
            case HandleKind.TypeReference:
                return [NamespaceOf((TypeReferenceHandle)handle)];
            case HandleKind.TypeSpecification:
                return _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, null);
            case HandleKind.MethodDefinition:
                var method = _md.GetMethodDefinition((MethodDefinitionHandle)handle);
                var signature = method.DecodeSignature(provider, null);
                return [NamespaceOf(method.GetDeclaringType()), .. signature.ReturnType, .. signature.ParameterTypes.SelectMany(t => t)];
            case HandleKind.FieldDefinition:
                return [NamespaceOf(_md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType())];
            case HandleKind.MemberReference:
                var member = _md.GetMemberReference((MemberReferenceHandle)handle);
                IEnumerable<string> parent = member.Parent.Kind == HandleKind.ModuleReference ? [] : Resolve(member.Parent);
                return member.GetKind() == MemberReferenceKind.Method
                    ? [.. parent, .. Flatten(member.DecodeMethodSignature(provider, null))]
                    : [.. parent, .. member.DecodeFieldSignature(provider, null)];
            case HandleKind.MethodSpecification:
                var spec = _md.GetMethodSpecification((MethodSpecificationHandle)handle);
                return [.. Resolve(spec.Method), .. spec.DecodeSignature(provider, null).SelectMany(t => t)];
            case HandleKind.StandaloneSignature:
                var standalone = _md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                return standalone.GetKind() == StandaloneSignatureKind.Method
                    ? Flatten(standalone.DecodeMethodSignature(provider, null))
                    : standalone.DecodeLocalSignature(provider, null).SelectMany(t => t);
            default:
                return [];
        }
    }

    internal string NamespaceOf(TypeDefinitionHandle handle)
    {
        var type = _md.GetTypeDefinition(handle);
        return type.GetDeclaringType() is { IsNil: false } outer ? NamespaceOf(outer) : _md.GetString(type.Namespace);
    }

    internal string NamespaceOf(TypeReferenceHandle handle)
    {
        var type = _md.GetTypeReference(handle);
        return type.ResolutionScope.Kind == HandleKind.TypeReference ? NamespaceOf((TypeReferenceHandle)type.ResolutionScope) : _md.GetString(type.Namespace);
    }

    private static IEnumerable<string> Flatten(MethodSignature<IEnumerable<string>> signature) =>
        signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(t => t));

    private string FullName(TypeDefinitionHandle handle)
    {
        var type = _md.GetTypeDefinition(handle);
        var name = _md.GetString(type.Name);
        return type.GetDeclaringType() is { IsNil: false } outer ? $"{FullName(outer)}+{name}" : $"{_md.GetString(type.Namespace)}.{name}";
    }

    private IEnumerable<string> Attributes(CustomAttributeHandleCollection attributes) =>
        attributes.SelectMany(a => Resolve(_md.GetCustomAttribute(a).Constructor));

    private void ScanMethod(MethodDefinitionHandle handle, NamespaceProvider provider, Action<IEnumerable<string>, string> refer)
    {
        var method = _md.GetMethodDefinition(handle);
        var name = _md.GetString(method.Name);
        refer(Flatten(method.DecodeSignature(provider, null)), $"signature of {name}");
        refer(Attributes(method.GetCustomAttributes()), $"attribute of {name}");
        foreach (var p in method.GetGenericParameters())
        {
            foreach (var c in _md.GetGenericParameter(p).GetConstraints())
            {
                refer(Resolve(_md.GetGenericParameterConstraint(c).Type), $"constraint of {name}");
            }
        }

        if (method.RelativeVirtualAddress == 0)
        {
            return;
        }

        var body = pe.GetMethodBody(method.RelativeVirtualAddress);
        if (!body.LocalSignature.IsNil)
        {
            refer(Resolve(body.LocalSignature), $"locals of {name}");
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il.ReadByte());
            }

            if (!Operands.TryGetValue(code, out var operand))
            {
                throw new BadImageFormatException($"{FullName(method.GetDeclaringType())}.{name}: unknown IL opcode 0x{code:X} at offset {il.Offset - 1}");
            }

            switch (operand)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok or OperandType.InlineSig:
                    refer(Resolve(MetadataTokens.EntityHandle(il.ReadInt32())), $"body of {name}");
                    break;
                case OperandType.InlineSwitch:
                    // Read the count first: "Offset += ReadInt32()" would add to the offset from before the read.
                    var targets = il.ReadInt32();
                    il.Offset += targets * 4;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineString or OperandType.ShortInlineR:
                    il.Offset += 4;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
            }
        }
    }

    /// <summary>Decodes signatures into the namespaces of every type they name.</summary>
    private sealed class NamespaceProvider(MetadataScanner scanner) : ISignatureTypeProvider<IEnumerable<string>, object?>
    {
        public IEnumerable<string> GetArrayType(IEnumerable<string> elementType, ArrayShape shape) => elementType;

        public IEnumerable<string> GetByReferenceType(IEnumerable<string> elementType) => elementType;

        public IEnumerable<string> GetFunctionPointerType(MethodSignature<IEnumerable<string>> signature) => Flatten(signature);

        public IEnumerable<string> GetGenericInstantiation(IEnumerable<string> genericType, ImmutableArray<IEnumerable<string>> typeArguments) =>
            genericType.Concat(typeArguments.SelectMany(t => t));

        public IEnumerable<string> GetGenericMethodParameter(object? genericContext, int index) => [];

        public IEnumerable<string> GetGenericTypeParameter(object? genericContext, int index) => [];

        public IEnumerable<string> GetModifiedType(IEnumerable<string> modifier, IEnumerable<string> unmodifiedType, bool isRequired) => unmodifiedType;

        public IEnumerable<string> GetPinnedType(IEnumerable<string> elementType) => elementType;

        public IEnumerable<string> GetPointerType(IEnumerable<string> elementType) => elementType;

        public IEnumerable<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public IEnumerable<string> GetSZArrayType(IEnumerable<string> elementType) => elementType;

        public IEnumerable<string> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [scanner.NamespaceOf(handle)];

        public IEnumerable<string> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [scanner.NamespaceOf(handle)];

        public IEnumerable<string> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
