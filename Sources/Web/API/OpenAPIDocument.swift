import Vapor

/// `GET /openapi.yaml`: the JSON API described as OpenAPI 3.0.
enum OpenAPIDocument {
    @Sendable static func serve(_ req: Request) async throws -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/yaml; charset=utf-8"], body: .init(string: yaml))
    }

    static let yaml = """
    openapi: 3.0.3
    info:
      title: Cartograph API
      version: "1"
      description: >
        Runs an autologous CAR-T program: enrolment, eligibility screening, the treatment journey and the dose.
        Every call except POST /api/tokens and GET /health needs a bearer token (from POST /api/tokens) or a
        signed-in session; cookie sessions must send X-CSRF-Token on calls that change data. Patients of another
        center answer 404. Identity fields are omitted for the manufacturing, QA and statistician roles.
        Every POST, PUT, PATCH and DELETE may carry an Idempotency-Key header (1–200 printable ASCII
        characters): a repeat with the same key, method, path and body within 24 hours returns the first
        answer (marked Idempotent-Replayed: true) and writes nothing; another body under the key is 422; a
        repeat while the first is still being handled is 409.
    servers:
      - url: /
    security:
      - bearer: []
    paths:
      /health/live:
        get:
          summary: Liveness (no database work)
          security: []
          responses:
            "200": { description: The process answers. }
      /health/ready:
        get:
          summary: Readiness; 503 unless the database answers with this build's schema
          security: []
          responses:
            "200":
              description: Ready
              content:
                application/json:
                  schema: { $ref: "#/components/schemas/Health" }
            "503":
              description: Not ready
              content:
                application/json:
                  schema: { $ref: "#/components/schemas/Health" }
      /health:
        get:
          summary: Liveness, database kind and schema version
          security: []
          responses:
            "200":
              description: The service and its database answer.
              content:
                application/json:
                  schema: { $ref: "#/components/schemas/Health" }
            "503": { description: "The database does not answer." }
      /api/tokens:
        post:
          summary: Exchange email and password for a bearer token
          security: []
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [email, password]
                  properties:
                    email: { type: string }
                    password: { type: string }
                    code: { type: string, description: "the one-time code from the authenticator app, for an account with two-step sign-in" }
                    name: { type: string, maxLength: 80, description: "What the token is for, shown in the owner's list." }
                    days: { type: integer, minimum: 1, maximum: 90, default: 7 }
          responses:
            "200":
              description: A token, shown once; only its digest is stored. It lives 7 days unless `days` says otherwise.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      token: { type: string }
                      expiresInDays: { type: integer }
                      name: { type: string, nullable: true }
            "400": { $ref: "#/components/responses/BadRequest" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "The center requires a second factor for the account's role and it is not set up yet." }
            "422": { $ref: "#/components/responses/Invalid" }
            "429": { description: "Too many failed sign-ins for this account or address; the message says how long to wait, or that an administrator must unlock the account." }
        get:
          summary: The signed-in user's own tokens that have not expired (never the token itself)
          responses:
            "200":
              description: Newest first.
              content:
                application/json:
                  schema:
                    type: array
                    items:
                      type: object
                      properties:
                        id: { type: string, format: uuid }
                        name: { type: string, nullable: true }
                        createdAt: { type: string, format: date-time }
                        expiresAt: { type: string, format: date-time }
            "401": { $ref: "#/components/responses/Unauthorized" }
      /api/tokens/{tokenID}:
        delete:
          summary: Revoke one of the signed-in user's own tokens
          parameters:
            - { name: tokenID, in: path, required: true, schema: { type: string, format: uuid } }
          responses:
            "204": { description: Revoked. }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "404": { description: "No such token of this user." }
      /api/accounts/unlock:
        post:
          summary: An administrator lifts the sign-in lockout of an account of their center (audited)
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [email]
                  properties:
                    email: { type: string }
          responses:
            "204": { description: Unlocked; the account's failure count starts again. }
            "400": { $ref: "#/components/responses/BadRequest" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator unlocks accounts." }
            "404": { description: "No such account in the administrator's center." }
      /api/admin/users:
        get:
          summary: Every account of the administrator's center (administrators only)
          responses:
            "200":
              description: The accounts, by name
              content:
                application/json:
                  schema: { type: array, items: { $ref: "#/components/schemas/Account" } }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages accounts." }
        post:
          summary: Create an account in the administrator's center, without a password; answers with the one-time link its owner sets one with (audited)
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [email, displayName, role]
                  properties:
                    email: { type: string, maxLength: 254 }
                    displayName: { type: string, maxLength: 120 }
                    role: { $ref: "#/components/schemas/Role" }
          responses:
            "201":
              description: The account and its password link (24 hours, single use)
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      account: { $ref: "#/components/schemas/Account" }
                      passwordLink: { $ref: "#/components/schemas/PasswordLink" }
            "400": { $ref: "#/components/responses/BadRequest" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages accounts." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/admin/users/{userID}/deactivate:
        parameters:
          - { name: userID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Deactivate an account of the center; its sessions stop, its API tokens and unused links are revoked (audited)
          responses:
            "204": { description: Deactivated. }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages accounts." }
            "404": { description: "No such account in the administrator's center." }
            "409": { description: "Already deactivated, or the administrator's own account." }
      /api/admin/users/{userID}/reactivate:
        parameters:
          - { name: userID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Let a deactivated account sign in again with its password (audited)
          responses:
            "204": { description: Reactivated. }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages accounts." }
            "404": { description: "No such account in the administrator's center." }
            "409": { description: "The account is already active." }
      /api/admin/users/{userID}/role:
        parameters:
          - { name: userID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Give an account another role; it applies from the account's next request (audited)
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [role]
                  properties:
                    role: { $ref: "#/components/schemas/Role" }
          responses:
            "204": { description: Changed. }
            "400": { $ref: "#/components/responses/BadRequest" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages accounts." }
            "404": { description: "No such account in the administrator's center." }
            "409": { description: "The account already has that role, or it is the administrator's own." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/admin/users/{userID}/password-link:
        parameters:
          - { name: userID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Issue a one-time link (24 hours) to set the account's password; earlier unused links stop working (audited)
          responses:
            "201":
              description: The link, shown once
              content:
                application/json:
                  schema: { $ref: "#/components/schemas/PasswordLink" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages accounts." }
            "404": { description: "No such account in the administrator's center." }
            "409": { description: "The account is deactivated." }
      /api/admin/channels:
        get:
          summary: The center's webhooks (administrators only); never their secrets
          responses:
            "200":
              description: Active webhooks, oldest first
              content:
                application/json:
                  schema: { type: array, items: { $ref: "#/components/schemas/NotificationChannel" } }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages notification channels." }
        post:
          summary: Add a webhook; every alert of the center is then POSTed to it, signed (X-Cartograph-Signature sha256=HMAC of "timestamp.body"), retried (audited)
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [name, url]
                  properties:
                    name: { type: string, maxLength: 80 }
                    url: { type: string, description: "https (http only when CARTOGRAPH_WEBHOOK_ALLOW_HTTP=1); never link-local" }
          responses:
            "201":
              description: The webhook and its signing secret, shown only now
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      channel: { $ref: "#/components/schemas/NotificationChannel" }
                      secret: { type: string }
            "400": { $ref: "#/components/responses/BadRequest" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages notification channels." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/admin/channels/{channelID}:
        parameters:
          - { name: channelID, in: path, required: true, schema: { type: string, format: uuid } }
        delete:
          summary: Remove a webhook; its pending deliveries are cancelled, its log stays (audited)
          responses:
            "204": { description: Removed. }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages notification channels." }
            "404": { description: "No such active webhook in the administrator's center." }
      /api/admin/deliveries:
        get:
          summary: The center's most recent alert deliveries with their status (administrators only)
          responses:
            "200":
              description: Newest first, at most 100
              content:
                application/json:
                  schema: { type: array, items: { $ref: "#/components/schemas/AlertDelivery" } }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages notification channels." }
      /api/admin/users/{userID}/second-factor-reset:
        parameters:
          - { name: userID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Remove a member's second factor (a lost phone); they set it up again (audited)
          responses:
            "204": { description: Reset. }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages accounts." }
            "404": { description: "No such account in the administrator's center." }
            "409": { description: "The account has no second factor." }
      /api/admin/second-factor-rule:
        post:
          summary: Require (or stop requiring) a second factor for the center's administrators and QA and with every e-signature (audited); tokens of those roles without one are revoked
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [required]
                  properties:
                    required: { type: boolean }
          responses:
            "204": { description: Set. }
            "400": { $ref: "#/components/responses/BadRequest" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "Only an administrator manages accounts." }
            "409": { description: "The administrator has no second factor of their own yet." }
      /api/password-reset:
        post:
          summary: Set a password through a one-time link (no sign-in; the link's token is the credential). The account's API tokens are revoked and any lockout lifted.
          security: []
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [token, newPassword]
                  properties:
                    token: { type: string }
                    newPassword: { type: string }
          responses:
            "204": { description: The password is set; the link no longer works. }
            "400": { $ref: "#/components/responses/BadRequest" }
            "409": { description: "Another request used the link at the same moment." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/account/password:
        post:
          summary: Change one's own password after re-entering the current one; every API token of the user is revoked
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [currentPassword, newPassword]
                  properties:
                    currentPassword: { type: string }
                    newPassword: { type: string, minLength: 12, maxLength: 256, description: "No composition rules; refused when common or containing the e-mail name." }
          responses:
            "204": { description: Changed. }
            "400": { $ref: "#/components/responses/BadRequest" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "422": { $ref: "#/components/responses/Invalid" }
            "429": { description: "Too many wrong current passwords; sign-in is throttled the same way." }
      /api/me:
        get:
          summary: The signed-in user
          responses:
            "200": { description: "The user's email, name, role and center." }
            "401": { $ref: "#/components/responses/Unauthorized" }
      /api/products:
        get:
          summary: Product profiles (eligibility, dose, regimen, windows) as data
          responses:
            "200": { description: "Every product profile." }
            "401": { $ref: "#/components/responses/Unauthorized" }
      /api/dashboard:
        get:
          summary: Patients by journey step, the next 14 days, overdue items and deviations
          responses:
            "200": { description: "The center's program dashboard." }
            "401": { $ref: "#/components/responses/Unauthorized" }
      /api/patients:
        get:
          summary: The user's center's patients, one page at a time
          description: "Step, overdue, deviations and open alerts are derived from the records today. The next page's cursor is in X-Next-Cursor and in a Link header (rel=next); X-Total-Count is the number of matching patients."
          parameters:
            - { name: search, in: query, schema: { type: string, maxLength: 100 }, description: "patient code; name and hospital number for roles that see identity" }
            - { name: stage, in: query, schema: { type: string, enum: [screening, collection, manufacturing, lymphodepletion, infusion, shortTermMonitoring, longTermFollowUp, notEligible, collectionFailed, manufacturingFailed, outOfSpecification, notInfused, followUpEnded] } }
            - { name: product, in: query, schema: { type: string, enum: [fucaso, cd19-cd22-ball] } }
            - { name: overdue, in: query, schema: { type: boolean } }
            - { name: deviating, in: query, schema: { type: boolean } }
            - { name: openAlerts, in: query, schema: { type: boolean } }
            - { name: sort, in: query, schema: { type: string, enum: [code, enrolled, stage, studyDay], default: code } }
            - { name: order, in: query, schema: { type: string, enum: [asc, desc], default: asc } }
            - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 200, default: 50 } }
            - { name: cursor, in: query, schema: { type: string, maxLength: 512 } }
          responses:
            "200":
              description: A page of patients, with identity only for roles that may see it.
              headers:
                X-Total-Count: { schema: { type: integer } }
                X-Next-Cursor: { schema: { type: string } }
                Link: { schema: { type: string } }
              content:
                application/json:
                  schema:
                    type: array
                    items: { $ref: "#/components/schemas/PatientListRow" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "422": { $ref: "#/components/responses/Invalid" }
        post:
          summary: Enrol a patient (identity is stored apart from clinical data)
          requestBody:
            required: true
            content:
              application/json:
                schema: { $ref: "#/components/schemas/Enrolment" }
          responses:
            "201": { description: "The new patient's file." }
            "400": { $ref: "#/components/responses/BadRequest" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "The role cannot enrol patients." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/patients/{patientID}:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          summary: "A patient's file: journey, plan, deviations, eligibility, dose"
          responses:
            "200": { description: "The patient file." }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "404": { description: "No such patient in the user's center." }
      /api/patients/{patientID}/screening:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Record a screening; the eligibility verdict is computed, and a decisive verdict moves the journey
          requestBody:
            required: true
            content:
              application/json:
                schema: { $ref: "#/components/schemas/Screening" }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { $ref: "#/components/responses/Forbidden" }
            "409": { $ref: "#/components/responses/Conflict" }
            "200": { description: "The updated patient file." }
            "400": { $ref: "#/components/responses/BadRequest" }
            "404": { description: "No such patient in the user's center." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/patients/{patientID}/events:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Record the next journey event; the state machine refuses impossible sequences
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [kind, date]
                  properties:
                    kind:
                      type: string
                      enum: [collectionScheduled, collected, collectionFailed, manufacturingStarted, manufacturingFailed, released,
                             outOfSpecification, exceptionalRelease, bridgingTherapy, lymphodepletionDose, infused, notInfused, followUpEnded]
                    date: { type: string, format: date }
                    reason: { type: string }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { $ref: "#/components/responses/Forbidden" }
            "200": { description: "The updated patient file." }
            "400": { $ref: "#/components/responses/BadRequest" }
            "404": { description: "No such patient in the user's center." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/patients/{patientID}/dose:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Calculate and record the dose from weight and, when known, the characterised product
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [weightKg]
                  properties:
                    weightKg: { type: number, exclusiveMinimum: true, minimum: 0, maximum: 500 }
                    viableCellsPerMilliliter: { type: number }
                    carPositiveFraction: { type: number, minimum: 0, maximum: 1 }
                    bagVolumeMilliliters: { type: number }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { $ref: "#/components/responses/Forbidden" }
            "200": { description: "The updated patient file." }
            "400": { $ref: "#/components/responses/BadRequest" }
            "404": { description: "No such patient in the user's center." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/patients/{patientID}/labs:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          summary: The patient's laboratory, pathology and imaging results, oldest first
          responses:
            "200":
              description: Stored results.
              content:
                application/json:
                  schema:
                    type: array
                    items: { $ref: "#/components/schemas/StoredLabResult" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "404": { description: "No such patient in the user's center." }
        post:
          summary: Record one result or several (all or none), read by the same rules as a lab CSV row (LAB-CSV-1)
          description: >
            Field errors name the field (`value`) for one object and `[2].value` for an array. A result for a patient, date
            and analyte already stored is refused: changing it is a correction (POST .../labs/{labID}/correction).
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  oneOf:
                    - { $ref: "#/components/schemas/LabEntry" }
                    - { type: array, minItems: 1, items: { $ref: "#/components/schemas/LabEntry" } }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "201":
              description: The stored results.
              content:
                application/json:
                  schema:
                    type: array
                    items: { $ref: "#/components/schemas/StoredLabResult" }
            "400": { $ref: "#/components/responses/BadRequest" }
            "403": { description: "The role cannot record results." }
            "404": { description: "No such patient in the user's center." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/patients/{patientID}/labs/{labID}/correction:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
          - { name: labID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Correct a stored result; the stored row is kept and every engine reads the latest correction in force
          description: >
            The replacement is one LabEntry (any date and analyte of the same patient not held by another of its results, same
            rules as POST .../labs), or null when the result was entered in error. The result keeps its id; correcting it again
            adds the next correction (a withdrawn result is restored that way). Field errors name `reason` or
            `replacement.<field>`. One audit record.
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [reason, replacement]
                  properties:
                    reason: { type: string, minLength: 1, maxLength: 500 }
                    replacement:
                      nullable: true
                      allOf: [{ $ref: "#/components/schemas/LabEntry" }]
          responses:
            "201": { description: "The correction: id, resultID, sequence, before and after (StoredLabResult, after absent when withdrawn), reason, correctedBy, correctedAt." }
            "400": { $ref: "#/components/responses/BadRequest" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { description: "The role cannot correct results." }
            "404": { description: "No such patient in the user's center, or no such result of the patient." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/patients/{patientID}/labs/corrections:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          summary: The corrections of the patient's results, oldest first (original, replacement, reason, who, when)
          responses:
            "200": { description: "Array of corrections." }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "404": { description: "No such patient in the user's center." }
      /api/labs/import:
        post:
          summary: Import a laboratory CSV file for the center's patients; any bad row imports nothing
          description: >
            Columns patient,date,analyte,value,unit,method,sensitivity,llod,lloq (rule set LAB-CSV-1). Patient codes must
            belong to the user's center; sample dates may not be after today; a result already stored is refused.
          requestBody:
            required: true
            content:
              text/csv:
                schema: { type: string }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "400": { $ref: "#/components/responses/BadRequest" }
            "201":
              description: Every row was stored.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      imported: { type: integer }
                      patients: { type: array, items: { type: string } }
            "403": { description: "The role cannot import results." }
            "415": { description: "The body was not sent as text/csv." }
            "422":
              description: Nothing was stored; every bad row and column is named (`fields[].field` is `rows[7].unit`).
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      error: { type: string }
                      fields: { type: array, items: { type: object, properties: { field: { type: string }, message: { type: string } } } }
                      report:
                        type: object
                        properties:
                          dataRows: { type: integer }
                          problems:
                            type: array
                            items:
                              type: object
                              properties:
                                row: { type: integer }
                                column: { type: string, nullable: true }
                                message: { type: string }
      /api/patients/{patientID}/response:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          summary: The IMWG 2016 response course computed from the stored results
          description: >
            Baseline is the latest value from 28 days before the first lymphodepletion dose to Day 0 (RESPONSE-BASELINE-1);
            results within 3 days form one assessment (LAB-IMWG-1). `course` carries each assessment's category, whether it is
            confirmed, the best confirmed response and its day, the progression and relapse days, MRD status and categories,
            and the derived times (first response, CR, MRD negativity, durations).
          responses:
            "200": { description: "The engine's input (with reasons) and its course." }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "404": { description: "No such patient in the user's center." }
            "409": { description: "No infusion is recorded." }
      /api/patients/{patientID}/persistence:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          summary: "CAR transgene kinetics: Cmax, Tmax, AUC0-28, Tlast, persistence, detectable at months 12 and 24"
          responses:
            "200": { description: "The series (days from Day 0, the assay LLOD) and its NCA (TRANSGENE-NCA-1); nca is absent without samples or LLOD, as are other unknown values." }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "404": { description: "No such patient in the user's center." }
            "409": { description: "No infusion is recorded." }
      /api/reports/{productID}:
        parameters:
          - { name: productID, in: path, required: true, schema: { type: string, example: fucaso } }
          - { name: cut, in: query, required: false, description: "Data cut, YYYY-MM-DD, not after today; records dated later are left out. Default today.", schema: { type: string, format: date } }
          - { name: origin, in: query, required: false, description: "real (default): the center's patients; virtual: its stored in-silico cohort (cartograph trial --into, the demo). Never pooled.", schema: { type: string, enum: [real, virtual] } }
        get:
          summary: "The center's cohort outcomes for a product (OUTCOMES-1): ORR, VGPR or better, CR or better, MRD negativity with exact 95% intervals; PFS, OS, duration of response and of MRD negativity by Kaplan-Meier; time to response; CRS and ICANS by maximum grade; persistence; subgroup hazard ratios; every patient's derived outcome"
          responses:
            "200": { description: "CohortReport: dataCut, population counts (enrolled, infused, evaluable, evaluableCARTNaive), each proportion with population, successes, total, estimate, lower, upper; each survival endpoint with n, events, medianMonths and limits (absent when not reached), landmarks, numberAtRisk, steps; tables (the report's tables as rows of text)." }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "404": { description: "No such product profile." }
            "422": { description: "The data cut is not a date or lies after today, or origin is neither real nor virtual; fields names cut or origin." }
      /api/patients/{patientID}/follow-up:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          summary: The patient's long-term follow-up status (visits, registry reports, work-ups) and records
          responses:
            "200": { description: "status (absent before the infusion), visits and events." }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "404": { description: "No such patient in the user's center." }
      /api/patients/{patientID}/follow-up/visits:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Record a follow-up contact
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [date]
                  properties:
                    date: { type: string, format: date }
                    contact: { type: string, enum: [clinic, telephone, outsideRecords], default: clinic }
                    note: { type: string, maxLength: 500 }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { $ref: "#/components/responses/Forbidden" }
            "201": { description: "The stored visit." }
            "400": { $ref: "#/components/responses/BadRequest" }
            "404": { description: "No such patient in the user's center." }
            "409": { description: "No infusion is recorded." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/patients/{patientID}/follow-up/events:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Record an event that ends or changes follow-up, or a follow-up task done
          requestBody:
            required: true
            content:
              application/json:
                schema: { $ref: "#/components/schemas/FollowUpEvent" }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { $ref: "#/components/responses/Forbidden" }
            "201": { description: "The stored event." }
            "400": { $ref: "#/components/responses/BadRequest" }
            "404": { description: "No such patient in the user's center." }
            "409": { description: "No infusion is recorded." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/follow-up:
        get:
          summary: "The center's follow-up worklist (visits, registry reports and malignancy work-ups due or overdue)"
          responses:
            "200": { description: "Items in date order, each with patientID and the item (patientCode, kind, what, date, window, status)." }
            "401": { $ref: "#/components/responses/Unauthorized" }
      /api/board:
        get:
          summary: The Day 0–28 board (patients between infusion and Day 28, grades, trend, pending assessments, open alerts)
          responses:
            "200": { description: "The board; missed scheduled assessments due by today are raised as alerts first." }
            "401": { $ref: "#/components/responses/Unauthorized" }
      /api/patients/{patientID}/safety:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          summary: "Safety records: graded assessments with reasons, interventions, alerts, CRS and ICANS episode summaries"
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "200": { description: The safety file. }
            "404": { description: No such patient in the user's center. }
      /api/patients/{patientID}/assessments:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: "Record a bedside assessment; CRS and ICANS grades are computed (ASTCT 2019), never sent"
          requestBody:
            required: true
            content:
              application/json:
                schema: { $ref: "#/components/schemas/Assessment" }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { $ref: "#/components/responses/Forbidden" }
            "201": { description: "The graded assessment with its reasons, and any alerts raised." }
            "400": { $ref: "#/components/responses/BadRequest" }
            "404": { description: No such patient in the user's center. }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/patients/{patientID}/interventions:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Record tocilizumab, corticosteroids, anakinra or an antipyretic; it counts for assessments from its time on
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [kind]
                  properties:
                    kind: { type: string, enum: [tocilizumab, corticosteroid, anakinra, antipyretic] }
                    drug: { type: string }
                    dose: { type: string }
                    givenAt: { type: string, format: date-time }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "404": { $ref: "#/components/responses/NotFound" }
            "403": { $ref: "#/components/responses/Forbidden" }
            "201": { description: The intervention. }
            "400": { $ref: "#/components/responses/BadRequest" }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/alerts/{alertID}/acknowledge:
        parameters:
          - { name: alertID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: Acknowledge an open alert in the user's name
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "403": { $ref: "#/components/responses/Forbidden" }
            "200": { description: The acknowledged alert. }
            "404": { description: No such alert in the user's center. }
            "409": { description: Already acknowledged. }
      /api/patients/{patientID}/bags:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: "Open a bag (apheresis: coordinator, nurse, physician; final product: manufacturing, QA); issues the therapy's ISBT 128 chain-of-identity ID on first use and a new DIN"
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [kind]
                  properties:
                    kind: { type: string, enum: [apheresis, finalProduct] }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "400": { $ref: "#/components/responses/BadRequest" }
            "201": { description: "The bag with its DIN, check character and chain-of-identity ID." }
            "403": { description: The role may not open this kind of bag. }
            "404": { description: No such patient in the user's center. }
      /api/patients/{patientID}/custody:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          summary: "The therapy's custody trail: chain-of-identity ID, every bag with its replayed state, events (UTC and site time), signatures and deviations. Carries no patient identity."
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "200": { description: The custody trail. }
            "404": { description: No such patient in the user's center. }
      /api/patients/{patientID}/bedside-check:
        parameters:
          - { name: patientID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: "Bedside verification before infusion (nurse or physician): scanned bag CoI and DIN and wristband CoI against the record, signed with the re-entered password"
          description: >
            A match is signed ("Bedside verification") and recorded on the final product's custody log; the journey's
            infused event requires it. Any mismatch blocks: 422 naming each field that differs, and a bedsideMismatch
            deviation (for QA) and a critical alert (kind bedsideMismatch, for the coordinator and physician) are stored.
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [bagChainOfIdentity, bagDIN, wristbandChainOfIdentity, password]
                  properties:
                    bagChainOfIdentity: { type: string }
                    bagDIN: { type: string }
                    wristbandChainOfIdentity: { type: string }
                    password: { type: string, format: password }
                    code: { type: string, description: "the one-time code, where the center requires a second factor for e-signatures" }
          responses:
            "429": { $ref: "#/components/responses/TooManyRequests" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "404": { $ref: "#/components/responses/NotFound" }
            "201": { description: "Matched and signed: the bag and the signature (signer, time, meaning, SHA-256 digest)." }
            "400": { $ref: "#/components/responses/BadRequest" }
            "403": { description: Only nurses and physicians verify at the bedside. }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/bags/{bagID}:
        parameters:
          - { name: bagID, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          summary: One bag with its custody log replayed
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "200": { description: The bag. }
            "404": { description: No such bag in the user's center. }
      /api/bags/{bagID}/events:
        parameters:
          - { name: bagID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: "Append a custody event; the log is replayed through the custody state machine (FUCASO-custody-1) and impossible sequences are refused"
          description: >
            A temperature reading outside the limit (cryopreserved: at most -150 C; fresh: 2 to 8 C) quarantines the bag and opens
            a deviation that QA closes. Release results, QA dispositions, bedside verification and deviation closure have their
            own endpoints (they are evaluated or signed there).
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [kind]
                  properties:
                    kind: { type: string, enum: [collected, packed, shipped, temperatureReading, received, inManufacturing, manufactured, shippedToCenter, receivedAtCenter, stored, dispensed, thawed, infused, discarded, quarantined] }
                    at: { type: string, format: date-time }
                    site: { type: string }
                    timeZone: { type: string, description: IANA time zone of the site }
                    condition: { type: string, enum: [fresh, cryopreserved] }
                    courier: { type: string }
                    shipperID: { type: string }
                    celsius: { type: number }
                    fromDataLogger: { type: boolean }
                    lot: { type: string }
                    location: { type: string }
                    reason: { type: string }
                    password: { type: string, format: password }
                    code: { type: string, description: "the one-time code, where the center requires a second factor for e-signatures" }
          responses:
            "429": { $ref: "#/components/responses/TooManyRequests" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "201": { description: The bag after the event. }
            "400": { $ref: "#/components/responses/BadRequest" }
            "403": { description: The role may not record this event. }
            "404": { description: No such bag in the user's center. }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/deviations:
        get:
          summary: Open deviations of the user's center, oldest first (QA's queue)
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "200": { description: The open deviations. }
      /api/deviations/{deviationID}/close:
        parameters:
          - { name: deviationID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: QA closes a deviation with a reason and a signature ("Deviation closure"); the bag leaves quarantine when none stays open
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [reason, password]
                  properties:
                    reason: { type: string }
                    password: { type: string, format: password }
                    code: { type: string, description: "the one-time code, where the center requires a second factor for e-signatures" }
          responses:
            "429": { $ref: "#/components/responses/TooManyRequests" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "400": { $ref: "#/components/responses/BadRequest" }
            "200": { description: The closed deviation with its signature. }
            "403": { description: Only QA closes deviations. }
            "404": { description: No such deviation in the user's center. }
            "409": { description: Already closed. }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/bags/{bagID}/release-results:
        parameters:
          - { name: bagID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: "Enter a lot's release test results (manufacturing, QA); evaluated against the FUCASO release specification and the patient's weight, and appended to the custody log"
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [lot]
                  properties:
                    lot: { type: string }
                    sterility: { type: string, enum: [negative, positive] }
                    mycoplasma: { type: string, enum: [negative, positive] }
                    endotoxinEUPerMilliliter: { type: number }
                    viabilityPercent: { type: number }
                    carExpressionPercent: { type: number }
                    vectorCopyNumberPerTransducedCell: { type: number }
                    replicationCompetentLentivirus: { type: string, enum: [notDetected, detected] }
                    identity: { type: string, enum: [confirmed, notConfirmed] }
                    viableCellsPerMilliliter: { type: number }
                    bagVolumeMilliliters: { type: number }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "404": { $ref: "#/components/responses/NotFound" }
            "201": { description: "The release file: evaluation, certificate of analysis, request and signatures." }
            "400": { $ref: "#/components/responses/BadRequest" }
            "403": { description: Only manufacturing and QA enter results. }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/bags/{bagID}/release:
        parameters:
          - { name: bagID, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          summary: The lot's release file with its certificate of analysis (each test, limit, result, verdict)
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "200": { description: The release file. }
            "404": { description: No such final product bag in the user's center. }
      /api/bags/{bagID}/qa-disposition:
        parameters:
          - { name: bagID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: "QA releases (conforming lot), rejects, or releases exceptionally (out-of-specification lot with the physician's signed request), signed with the re-entered password"
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [disposition, password]
                  properties:
                    disposition: { type: string, enum: [released, rejected, exceptionalRelease] }
                    password: { type: string, format: password }
                    code: { type: string, description: "the one-time code, where the center requires a second factor for e-signatures" }
          responses:
            "429": { $ref: "#/components/responses/TooManyRequests" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "400": { $ref: "#/components/responses/BadRequest" }
            "404": { $ref: "#/components/responses/NotFound" }
            "200": { description: The release file with QA's signature. }
            "403": { description: Only QA decides. }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/bags/{bagID}/exceptional-request:
        parameters:
          - { name: bagID, in: path, required: true, schema: { type: string, format: uuid } }
        post:
          summary: "The treating physician's documented request to infuse an out-of-specification lot, signed (Physician request)"
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [justification, password]
                  properties:
                    justification: { type: string }
                    password: { type: string, format: password }
                    code: { type: string, description: "the one-time code, where the center requires a second factor for e-signatures" }
          responses:
            "429": { $ref: "#/components/responses/TooManyRequests" }
            "401": { $ref: "#/components/responses/Unauthorized" }
            "400": { $ref: "#/components/responses/BadRequest" }
            "404": { $ref: "#/components/responses/NotFound" }
            "201": { description: The release file with the request. }
            "403": { description: Only a physician requests. }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/release-queue:
        get:
          summary: Final product lots of the user's center awaiting QA disposition, with their evaluations
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "200": { description: The queue. }
      /api/slots:
        get:
          summary: "Manufacturing slot calendar: per site and ISO week, capacity, free slots and the caller's center's bookings; the total booked only for the center that runs the site"
          parameters:
            - { name: from, in: query, required: false, schema: { type: string, format: date } }
            - { name: weeks, in: query, required: false, schema: { type: integer, minimum: 1, maximum: 104 } }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "200": { description: "The calendar. Scheduling a collection (journey event collectionScheduled) reserves a slot in its week; without a free slot it is refused (422, field date); collectionFailed and notInfused free it." }
            "422": { $ref: "#/components/responses/Invalid" }
      /api/manufacturing-sites/{siteCode}/capacity:
        parameters:
          - { name: siteCode, in: path, required: true, schema: { type: string } }
        post:
          summary: Set a manufacturing site's weekly slot count (manufacturing, admin)
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [slotsPerWeek]
                  properties:
                    slotsPerWeek: { type: integer, minimum: 0, maximum: 500 }
          responses:
            "401": { $ref: "#/components/responses/Unauthorized" }
            "400": { $ref: "#/components/responses/BadRequest" }
            "200": { description: The calendar for the next 8 weeks. }
            "403": { description: Only manufacturing or an administrator. }
            "404": { description: No such site. }
            "422": { $ref: "#/components/responses/Invalid" }
    components:
      securitySchemes:
        bearer: { type: http, scheme: bearer }
      responses:
        BadRequest:
          description: Malformed JSON, unknown, missing or mistyped fields; nothing was written.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Error" }
        Invalid:
          description: Values that break a rule (out of range, dates out of order); nothing was written.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Error" }
        Unauthorized:
          description: No valid session or token.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Error" }
        Forbidden:
          description: The caller's role may not do this (or a second factor the center requires is not set up).
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Error" }
        NotFound:
          description: No such record, or it belongs to another center (the two answers are the same on purpose).
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Error" }
        TooManyRequests:
          description: Too many wrong passwords or codes from this account or address (signing is throttled like signing in); the message says how long to wait.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Error" }
        Conflict:
          description: The record's state does not allow this now (nothing was written).
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Error" }
      schemas:
        Error:
          type: object
          required: [error, fields]
          properties:
            error: { type: string }
            fields:
              type: array
              items:
                type: object
                properties:
                  field: { type: string }
                  message: { type: string }
        Role:
          type: string
          enum: [coordinator, physician, nurse, manufacturing, qa, statistician, admin]
        Account:
          type: object
          properties:
            id: { type: string, format: uuid }
            email: { type: string }
            displayName: { type: string }
            role: { $ref: "#/components/schemas/Role" }
            active: { type: boolean }
            locked: { type: boolean, description: "locked after too many failed sign-ins until an administrator lifts it" }
            hasPassword: { type: boolean }
            hasSecondFactor: { type: boolean }
            createdAt: { type: string, format: date-time }
            deactivatedAt: { type: string, format: date-time }
        PasswordLink:
          type: object
          properties:
            link: { type: string, description: "a path, or a full URL when CARTOGRAPH_PUBLIC_URL is set" }
            expiresAt: { type: string, format: date-time }
        NotificationChannel:
          type: object
          properties:
            id: { type: string, format: uuid }
            kind: { type: string, enum: [webhook] }
            name: { type: string }
            url: { type: string }
            active: { type: boolean }
            createdAt: { type: string, format: date-time }
        AlertDelivery:
          type: object
          properties:
            id: { type: string, format: uuid }
            alertID: { type: string, format: uuid }
            channel: { type: string }
            alertKind: { type: string }
            severity: { type: string }
            patientCode: { type: string }
            status: { type: string, enum: [pending, delivered, abandoned, cancelled] }
            attempts: { type: integer }
            createdAt: { type: string, format: date-time }
            lastAttemptAt: { type: string, format: date-time }
            lastStatusCode: { type: integer }
            lastError: { type: string }
            deliveredAt: { type: string, format: date-time }
            nextAttemptAt: { type: string, format: date-time }
        Health:
          type: object
          properties:
            status: { type: string }
            database: { type: string, enum: [sqlite, postgres] }
            schemaVersion: { type: integer }
            expectedSchemaVersion: { type: integer }
        PatientSummary:
          type: object
          properties:
            id: { type: string, format: uuid }
            code: { type: string }
            sex: { type: string }
            enrolledOn: { type: string, format: date }
            productID: { type: string }
            stage: { type: string }
            origin: { type: string }
            identity:
              type: object
              nullable: true
              properties:
                givenName: { type: string }
                familyName: { type: string }
                dateOfBirth: { type: string, format: date }
                hospitalNumber: { type: string }
        PatientListRow:
          type: object
          properties:
            id: { type: string, format: uuid }
            code: { type: string }
            sex: { type: string }
            enrolledOn: { type: string, format: date }
            productID: { type: string }
            origin: { type: string }
            stage: { type: string, description: "where the journey state machine puts the patient today" }
            studyDay: { type: integer, nullable: true }
            overdue: { type: integer, description: "overdue journey steps and follow-up items" }
            deviations: { type: integer }
            openAlerts: { type: integer }
            highestOpenSeverity: { type: string, enum: [info, warning, urgent], nullable: true }
            identity:
              type: object
              nullable: true
              properties:
                givenName: { type: string }
                familyName: { type: string }
                dateOfBirth: { type: string, format: date }
                hospitalNumber: { type: string }
        LabEntry:
          type: object
          additionalProperties: false
          required: [date, analyte, value]
          properties:
            date: { type: string, format: date }
            analyte:
              type: string
              enum: [serumMProtein, urineMProtein, serumImmunofixation, urineImmunofixation, kappaFreeLightChain, lambdaFreeLightChain,
                     marrowPlasmaCells, marrowClonality, plasmacytomaSPD, newLesion, mrd, petCT, circulatingPlasmaCells, calcium, hyperviscosity, transgeneCopies,
                     absoluteNeutrophilCount, platelets, hemoglobin, crp, ferritin, ldh, creatinine]
            value:
              description: a number in the analyte's unit, "positive"/"negative", or true/false
              oneOf: [{ type: number }, { type: string }, { type: boolean }]
            unit: { type: string, description: "g/dL, mg/24h, mg/L, %, cm2, copies/ug, /uL, ng/mL, U/L, mg/dL; empty for findings" }
            method: { type: string, enum: [NGF, NGS], description: MRD only (required there) }
            sensitivity: { type: number, description: "MRD only: fraction, e.g. 1e-5" }
            llod: { type: number, description: "transgeneCopies only (required there), copies/ug" }
            lloq: { type: number, description: "transgeneCopies only, copies/ug" }
        StoredLabResult:
          type: object
          properties:
            id: { type: string, format: uuid }
            date: { type: string, format: date }
            analyte: { type: string }
            value: { oneOf: [{ type: number }, { type: boolean }] }
            unit: { type: string }
            method: { type: string }
            sensitivity: { type: number }
            llod: { type: number }
            lloq: { type: number }
            source: { type: string, enum: [form, api, csv, virtual] }
            recordedAt: { type: string, format: date-time }
        FollowUpEvent:
          type: object
          additionalProperties: false
          required: [kind, date]
          properties:
            kind:
              type: string
              enum: [progression, newTherapy, death, secondPrimaryMalignancy, lostToFollowUp, consentWithdrawn,
                     malignancyScreening, registryReportFiled, visitMissed]
            date: { type: string, format: date }
            timepoint: { type: string, description: "registryReportFiled and visitMissed (required there): D100, M6, …" }
            deathCause:
              type: string
              enum: [diseaseProgression, infection, cytokineReleaseSyndrome, neurotoxicity, secondPrimaryMalignancy,
                     cardiovascular, other, unknown]
              description: death only (required there)
            detail: { type: string, maxLength: 500, description: "required for newTherapy, secondPrimaryMalignancy and a death of cause other" }
            transgeneInTumour: { type: string, enum: [detected, notDetected, pending], description: malignancyScreening only (required there) }
        Enrolment:
          type: object
          additionalProperties: false
          required: [givenName, familyName, dateOfBirth, hospitalNumber, sex]
          properties:
            givenName: { type: string, maxLength: 100 }
            familyName: { type: string, maxLength: 100 }
            dateOfBirth: { type: string, format: date }
            hospitalNumber: { type: string, maxLength: 100 }
            sex: { type: string, enum: [female, male, other, unknown] }
            productId: { type: string, enum: [fucaso, cd19-cd22-ball], default: fucaso }
            enrolledOn: { type: string, format: date, description: defaults to today in the center's time zone }
            duplicateReason: { type: string, description: "Why a patient with the same hospital number, or the same name and date of birth, is another person (at least 10 characters); without it such an enrolment is refused (422, field duplicateReason)" }
        Assessment:
          type: object
          additionalProperties: false
          description: Absent fields take their defaults (false, none, awake); absent ice means the ICE was not assessed.
          properties:
            assessedAt: { type: string, format: date-time }
            temperatureC: { type: number, minimum: 30, maximum: 45 }
            systolicMmHg: { type: number }
            diastolicMmHg: { type: number }
            hypotension: { type: boolean }
            vasopressors:
              type: array
              items:
                type: object
                required: [drug, dose, unit]
                properties:
                  drug: { type: string, enum: [norepinephrine, vasopressin, phenylephrine, epinephrine, dopamine] }
                  dose: { type: number }
                  unit: { type: string, enum: [microgramsPerKilogramPerMinute, microgramsPerMinute, unitsPerMinute] }
            oxygenDevice: { type: string, enum: [none, blowBy, nasalCannula, highFlowNasalCannula, faceMask, nonRebreatherMask, venturiMask, cpap, bipap, mechanicalVentilation] }
            oxygenFlowLitersPerMinute: { type: number }
            feverAttributableToOtherCause: { type: boolean }
            deathDueToCRS: { type: boolean }
            ice:
              type: object
              required: [orientation, naming, followsCommands, writing, attention]
              properties:
                orientation: { type: integer, minimum: 0, maximum: 4 }
                naming: { type: integer, minimum: 0, maximum: 3 }
                followsCommands: { type: integer, minimum: 0, maximum: 1 }
                writing: { type: integer, minimum: 0, maximum: 1 }
                attention: { type: integer, minimum: 0, maximum: 1 }
            consciousness: { type: string, enum: [awake, awakensSpontaneously, awakensToVoice, awakensToTactileStimulus, unarousable] }
            seizure: { type: string, enum: [none, rapidlyResolving, nonconvulsiveResolvedWithIntervention, prolonged, repetitiveWithoutReturnToBaseline] }
            deepFocalMotorWeakness: { type: boolean }
            cerebralEdema: { type: string, enum: [none, focal, diffuse] }
            posturing: { type: boolean }
            cranialNerveVIPalsy: { type: boolean }
            papilledema: { type: boolean }
            cushingsTriad: { type: boolean }
            neurologicFindingsAttributableToOtherCause: { type: boolean }
            deathDueToICANS: { type: boolean }
        Screening:
          type: object
          additionalProperties: false
          properties:
            screenedOn: { type: string, format: date }
            ageYears: { type: integer, minimum: 0, maximum: 120 }
            diagnosis: { type: string, enum: [multipleMyeloma, bCellAcuteLymphoblasticLeukemia, bCellNonHodgkinLymphoma, other] }
            priorLines:
              type: array
              items:
                type: object
                required: [drugClasses]
                properties:
                  drugClasses:
                    type: array
                    items:
                      type: string
                      enum: [proteasomeInhibitor, immunomodulatoryDrug, antiCD38Antibody, bcmaCART, bcmaBispecific,
                             bcmaAntibodyDrugConjugate, cd19Directed, alkylatingAgent, autologousTransplant, other]
            lastLineOutcome: { type: string, enum: [progressiveDisease, stableDisease, response] }
            ecog: { type: integer, minimum: 0, maximum: 5 }
            labs:
              type: object
              description: >
                absoluteNeutrophilCount and platelets per µL, hemoglobin g/dL, creatinineClearance mL/min, ALT/AST/bilirubin
                as multiples of the upper limit of normal, leftVentricularEjectionFraction, oxygenSaturation and
                marrowBlastPercent in percent.
              additionalProperties: { type: number }
            activeInfection: { type: boolean }
            extramedullaryDisease: { type: boolean }
            highRiskCytogenetics: { type: boolean, description: "del(17p), t(4;14) or t(14;16) by FISH; not an eligibility criterion, used for subgroup analyses" }
    """
}
