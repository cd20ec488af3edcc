/**
 * The sandbox, test code that never enters the packaged gateway (spec §6): a simulated national
 * population database over a deterministic synthetic population with hand-made personas for every
 * awkward case ({@code npd}), and a simulated officers' identity provider ({@code idp}).
 *
 * <p>{@link vn.gov.dancu.sandbox.SandboxMain} ({@code bin/sandbox}) runs them beside the packaged gateway,
 * {@link vn.gov.dancu.sandbox.UpstreamsMain} ({@code bench/run}) on their own, and the tests in-process
 * ({@link vn.gov.dancu.sandbox.SandboxTestResource}); each simulator listens on its own local port and is
 * reached over real HTTP, exactly as production reaches the real systems. Nothing in the gateway depends on
 * this package (an ArchUnit rule says so), and this package depends on the gateway only for
 * {@code citizen.Provinces} and {@code citizen.PersonalId}.
 *
 * <p>Trying it by hand, with the default ports:
 * <pre>
 * # an officer token (users cs-officer, jr-officer, auditor, reporter, no-agency; password "sandbox")
 * curl -s -d grant_type=password -d client_id=counter-app -d username=cs-officer -d password=sandbox \
 *      http://localhost:8180/realms/dancu/protocol/openid-connect/token
 *
 * # the NPD directly, as the gateway calls it
 * curl -s -d grant_type=client_credentials -d client_id=dancu-gateway -d client_secret=sandbox-npd-secret \
 *      http://localhost:8089/oauth2/token
 * curl -s -H "Authorization: Bearer $NPD_TOKEN" -H "X-Purpose: BIRTH_REGISTRATION" -H "X-Case-Id: HS-1" \
 *      -H "X-Officer-Id: cs-officer" -H "X-Agency-Code: UBND-P-DONGXOAI" \
 *      "http://localhost:8089/api/v1/citizens/070190004521?fields=fullName,dateOfBirth,ethnicity"
 *
 * # what the gateway asked the NPD, and switching its behaviour for a demo
 * curl -s http://localhost:8089/sandbox/calls
 * curl -s -H 'Content-Type: application/json' -d '{"maintenance": true}' http://localhost:8089/sandbox/behaviour
 * curl -s -X POST http://localhost:8089/sandbox/reset
 * </pre>
 */
package vn.gov.dancu.sandbox;

import vn.gov.dancu.sandbox.idp.IdentityProviderSimulator;
import vn.gov.dancu.sandbox.npd.NpdSimulator;
import vn.gov.dancu.sandbox.npd.SandboxPersonas;
import vn.gov.dancu.sandbox.npd.SyntheticPopulation;

