namespace Alexandria.Generators.Tests.OpenApi;

/// <summary>OpenAPI documents written the way users have them: YAML, 3.0, inline schemas, no operationIds.</summary>
internal static class OpenApiDocuments
{
    public const string PetstorePath = "/repo/contracts/petstore.yaml";

    /// <summary>OpenAPI 3.0 in YAML: components, inline bodies and parameters, nullable, boolean exclusive bounds, examples.</summary>
    public const string Petstore30 = """
        # The classic pet store, as 3.0 documents are written.
        openapi: 3.0.3
        info:
          title: Swagger Petstore
          version: 1.0.0
          description: >
            A sample API that uses a petstore
            as an example.
        paths:
          /pets:
            get:
              summary: List all pets
              operationId: listPets
              parameters:
                - name: limit
                  in: query
                  required: false
                  schema:
                    type: integer
                    format: int32
                    minimum: 0
                    exclusiveMinimum: true
                - name: status
                  in: query
                  schema:
                    type: string
                    enum: [available, pending, sold]
              responses:
                '200':
                  description: A paged array of pets
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items]
                        properties:
                          items:
                            type: array
                            items:
                              $ref: '#/components/schemas/Pet'
                          next:
                            type: string
                            nullable: true
                default:
                  $ref: '#/components/responses/Error'
            post:
              summary: Create a pet
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required:
                        - name
                      properties:
                        name: { type: string, example: doggie }
                        tag:
                          type: string
              responses:
                '201':
                  description: Created
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Pet'
          /pets/{petId}:
            get:
              operationId: showPetById
              parameters:
                - name: petId
                  in: path
                  required: true
                  schema:
                    type: string
              responses:
                '200':
                  description: Expected response to a valid request
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Pet"
                '404':
                  $ref: '#/components/responses/Error'
        components:
          responses:
            Error:
              description: unexpected error
              content:
                application/json:
                  schema:
                    type: object
                    required: [code, message]
                    properties:
                      code: { type: integer, format: int32 }
                      message: { type: string }
          schemas:
            Pet:
              type: object
              required:
                - id
                - name
              properties:
                id:
                  type: integer
                  format: int64
                name:
                  type: string
                  example: doggie
                tag:
                  type: string
                  nullable: true
                kind:
                  $ref: '#/components/schemas/Kind'
                weight:
                  type: number
                  maximum: 100
                  exclusiveMaximum: true
            Kind:
              type: string
              enum:
                - dog
                - cat
            Pets:
              type: array
              items:
                $ref: '#/components/schemas/Pet'
        """;
}
