// CDK app entry: `cdk synth -c event=<slug> -c stage=dev|prod` (see cdk.json).
import { App } from 'aws-cdk-lib';
import { buildApp } from '../src/app';

// The CLI's -c values reach every App; this one only reads them (it never synthesizes).
const context = new App({ autoSynth: false }).node;
buildApp({
  event: String(context.tryGetContext('event') ?? ''),
  stage: String(context.tryGetContext('stage') ?? ''),
});
