// cdk-nag (v3: a CDK policy-validation plugin, not an Aspect) and the helper that acknowledges a
// finding. Each acknowledgment sits next to the resource it is about, with the reason it is acceptable
// here; an unacknowledged finding (error or warning) fails the synth.
import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export const NAG_PACK = 'AwsSolutions';

export function applyNag(app: IConstruct): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

/** Acknowledges rule `id` (e.g. `AwsSolutions-APIG4`, or a granular `AwsSolutions-IAM5[Resource::...]`) on `scope` and below. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** How cdk-nag's IAM5 names a resource ARN of `element` with a suffix: `Resource::<TableCD117FA1.Arn>/index/*`. */
export function arnFinding(element: CfnElement, suffix: string): string {
  const stack = Stack.of(element);
  return `Resource::<${stack.resolve(stack.getLogicalId(element))}.Arn>${suffix}`;
}
