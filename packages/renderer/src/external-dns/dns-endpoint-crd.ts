// Generated from kubernetes-sigs/external-dns v0.22.0 (commit 994f908d4abdfe5fbf38f2f61613ed570432e43a),
// config/crd/standard/dnsendpoints.externaldns.k8s.io.yaml: spec.versions[name=v1alpha1].schema.openAPIV3Schema,
// as JSON and otherwise unchanged. Do not edit; to move to another release, replace it with that tag's schema
// (git show <tag>:config/crd/standard/dnsendpoints.externaldns.k8s.io.yaml) and update the served-apiVersions test.

/** The CRD's group, version and kind. */
export const dnsEndpointCrd = { group: 'externaldns.k8s.io', version: 'v1alpha1', kind: 'DNSEndpoint' } as const;

/** openAPIV3Schema of DNSEndpoint v1alpha1. */
export const dnsEndpointSchema = {
  description:
    'DNSEndpoint is a contract that a user-specified CRD must implement to be used as a source for external-dns.\nThe user-specified CRD should also have the status sub-resource.',
  properties: {
    apiVersion: {
      description:
        'APIVersion defines the versioned schema of this representation of an object.\nServers should convert recognized schemas to the latest internal value, and\nmay reject unrecognized values.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
      type: 'string',
    },
    kind: {
      description:
        'Kind is a string value representing the REST resource this object represents.\nServers may infer this from the endpoint the client submits requests to.\nCannot be updated.\nIn CamelCase.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
      type: 'string',
    },
    metadata: {
      type: 'object',
    },
    spec: {
      description: 'DNSEndpointSpec defines the desired state of DNSEndpoint',
      properties: {
        endpoints: {
          items: {
            description: 'Endpoint is a high-level way of a connection between a service and an IP',
            properties: {
              dnsName: {
                description: 'The hostname of the DNS record',
                type: 'string',
              },
              labels: {
                additionalProperties: {
                  type: 'string',
                },
                description: 'Labels stores labels defined for the Endpoint',
                type: 'object',
              },
              providerSpecific: {
                description: 'ProviderSpecific stores provider specific config',
                items: {
                  description: 'ProviderSpecificProperty holds the name and value of a configuration which is specific to individual DNS providers',
                  properties: {
                    name: {
                      type: 'string',
                    },
                    value: {
                      type: 'string',
                    },
                  },
                  type: 'object',
                },
                type: 'array',
              },
              recordTTL: {
                description: 'TTL for the record',
                format: 'int64',
                type: 'integer',
              },
              recordType: {
                description: 'RecordType type of record, e.g. CNAME, A, AAAA, SRV, TXT etc',
                type: 'string',
              },
              setIdentifier: {
                description:
                  "Identifier to distinguish multiple records with the same name and type (e.g. Route53 records with routing policies other than 'simple')",
                type: 'string',
              },
              targets: {
                description: 'The targets the DNS record points to',
                items: {
                  type: 'string',
                },
                type: 'array',
              },
            },
            type: 'object',
          },
          type: 'array',
        },
      },
      type: 'object',
    },
    status: {
      description: 'DNSEndpointStatus defines the observed state of DNSEndpoint',
      properties: {
        observedGeneration: {
          description: 'The generation observed by the external-dns controller.',
          format: 'int64',
          type: 'integer',
        },
      },
      type: 'object',
    },
  },
  type: 'object',
};
